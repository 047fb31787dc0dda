-- The bottom-up project cycle (issue 6): demands raised in mini-cluster meetings, calls with
-- instruments whose rules are data, proposals with versions and merge consents, review
-- (evaluator pool, conflicts, assignments, blind scores, inspections, committee, decisions),
-- projects with agreements, disbursements, reports, outcomes and gate decisions.
-- States are the workflow tables of packages/domain/src/projects/workflow.ts; every transition
-- is also written to workflow_event (timelines, days in state) besides the audit trail.
-- Money is whole KRW (bigint). Generated demo rows carry `synthetic`.

-- A firm's problem or idea, recorded against the activity (meeting) where it came up.
CREATE TABLE demand (
  id               serial PRIMARY KEY,
  programme_id     integer REFERENCES programme(id) ON DELETE CASCADE,
  complex_id       integer REFERENCES complex(id) ON DELETE SET NULL,
  mini_cluster_id  integer REFERENCES mini_cluster(id) ON DELETE SET NULL,
  activity_id      integer REFERENCES activity(id) ON DELETE SET NULL,
  title            text NOT NULL CHECK (length(title) > 0),
  description      text,
  support_area     text NOT NULL CHECK (support_area IN ('management', 'rd', 'funding', 'labour', 'marketing')),
  field            text,
  raised_on        date NOT NULL,
  status           text NOT NULL DEFAULT 'raised',
  created_by       integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX demand_mini_cluster ON demand (mini_cluster_id, raised_on);
CREATE INDEX demand_complex ON demand (complex_id, raised_on);
CREATE INDEX demand_activity ON demand (activity_id);
CREATE INDEX demand_status ON demand (status);

-- The organisations that raised a demand.
CREATE TABLE demand_organisation (
  demand_id        integer NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
  organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  PRIMARY KEY (demand_id, organisation_id)
);
CREATE INDEX demand_organisation_org ON demand_organisation (organisation_id);

CREATE TABLE demand_comment (
  id          serial PRIMARY KEY,
  demand_id   integer NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
  user_id     integer REFERENCES app_user(id) ON DELETE SET NULL,
  body        text NOT NULL CHECK (length(body) > 0),
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX demand_comment_demand ON demand_comment (demand_id, created_at);

-- An organisation (through a user) backing an idea in the idea store: once per organisation.
CREATE TABLE demand_backing (
  demand_id        integer NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
  organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  user_id          integer REFERENCES app_user(id) ON DELETE SET NULL,
  note             text,
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (demand_id, organisation_id)
);

-- A call for proposals of a programme. `rubric` holds the weighted review criteria:
-- [{ "code": "...", "name": "...", "weight": 0.3, "maxScore": 10 }, ...].
CREATE TABLE funding_call (
  id            serial PRIMARY KEY,
  programme_id  integer NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  code          text NOT NULL,
  title         text NOT NULL CHECK (length(title) > 0),
  description   text,
  budget_krw    bigint NOT NULL CHECK (budget_krw >= 0),
  opens_on      date NOT NULL,
  closes_on     date NOT NULL,
  decision_by   date,
  reviews_per_proposal integer NOT NULL DEFAULT 3 CHECK (reviews_per_proposal BETWEEN 1 AND 20),
  rubric        jsonb NOT NULL DEFAULT '[]'::jsonb,
  status        text NOT NULL DEFAULT 'draft',
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, code),
  CHECK (closes_on >= opens_on)
);

-- An instrument of a call with its rules as data (InstrumentRules of the domain package,
-- without code and name): maximum grant, public share limits by firm size, minimum firm
-- share, cost-category caps, eligible kinds, fast-track threshold, reporting schedule.
CREATE TABLE call_instrument (
  id          serial PRIMARY KEY,
  call_id     integer NOT NULL REFERENCES funding_call(id) ON DELETE CASCADE,
  code        text NOT NULL,
  name        text NOT NULL,
  budget_krw  bigint CHECK (budget_krw IS NULL OR budget_krw >= 0),
  rules       jsonb NOT NULL,
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (call_id, code)
);

-- A proposal; its current content lives in proposal_party / proposal_budget_line /
-- proposal_milestone and every submitted revision is frozen in proposal_version.
CREATE TABLE proposal (
  id                    serial PRIMARY KEY,
  call_id               integer NOT NULL REFERENCES funding_call(id) ON DELETE CASCADE,
  instrument_id         integer NOT NULL REFERENCES call_instrument(id) ON DELETE RESTRICT,
  demand_id             integer REFERENCES demand(id) ON DELETE SET NULL,
  complex_id            integer REFERENCES complex(id) ON DELETE SET NULL,
  mini_cluster_id       integer REFERENCES mini_cluster(id) ON DELETE SET NULL,
  lead_organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
  title                 text NOT NULL CHECK (length(title) > 0),
  abstract              text,
  plan                  text,
  start_on              date,
  end_on                date,
  status                text NOT NULL DEFAULT 'draft',
  version               integer NOT NULL DEFAULT 0 CHECK (version >= 0),
  submitted_at          timestamptz,
  -- Set when this proposal was merged into another with every lead's consent.
  merged_into_id        integer REFERENCES proposal(id) ON DELETE SET NULL,
  created_by            integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic             boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on),
  CHECK (merged_into_id IS NULL OR merged_into_id <> id)
);
CREATE INDEX proposal_call_status ON proposal (call_id, status);
CREATE INDEX proposal_lead ON proposal (lead_organisation_id);
CREATE INDEX proposal_demand ON proposal (demand_id);
CREATE INDEX proposal_mini_cluster ON proposal (mini_cluster_id);

-- Partner organisations of a proposal (the lead is proposal.lead_organisation_id).
CREATE TABLE proposal_party (
  proposal_id      integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
  role             text NOT NULL DEFAULT 'partner' CHECK (role IN ('partner', 'subcontractor', 'advisor')),
  PRIMARY KEY (proposal_id, organisation_id)
);
CREATE INDEX proposal_party_org ON proposal_party (organisation_id);

CREATE TABLE proposal_budget_line (
  id               serial PRIMARY KEY,
  proposal_id      integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  category         text NOT NULL CHECK (category IN ('personnel', 'equipment', 'materials', 'subcontracting', 'travel', 'overhead', 'other')),
  funder           text NOT NULL CHECK (funder IN ('public', 'firm', 'other')),
  organisation_id  integer REFERENCES organisation(id) ON DELETE SET NULL,
  amount_krw       bigint NOT NULL CHECK (amount_krw >= 0),
  note             text
);
CREATE INDEX proposal_budget_line_proposal ON proposal_budget_line (proposal_id);

CREATE TABLE proposal_milestone (
  id           serial PRIMARY KEY,
  proposal_id  integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  seq          integer NOT NULL CHECK (seq >= 1),
  title        text NOT NULL,
  due_on       date,
  deliverable  text,
  UNIQUE (proposal_id, seq)
);

-- A frozen revision: everything the applicant submitted, with the rule-check result.
CREATE TABLE proposal_version (
  id           serial PRIMARY KEY,
  proposal_id  integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  version      integer NOT NULL CHECK (version >= 1),
  content      jsonb NOT NULL,
  violations   jsonb NOT NULL DEFAULT '[]'::jsonb,
  note         text,
  created_by   integer REFERENCES app_user(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (proposal_id, version)
);

-- A request to merge proposals into one; it goes ahead only when every lead has consented.
CREATE TABLE proposal_merge (
  id                 serial PRIMARY KEY,
  call_id            integer NOT NULL REFERENCES funding_call(id) ON DELETE CASCADE,
  title              text NOT NULL,
  reason             text,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'merged', 'refused', 'cancelled')),
  result_proposal_id integer REFERENCES proposal(id) ON DELETE SET NULL,
  requested_by       integer REFERENCES app_user(id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE proposal_merge_consent (
  merge_id         integer NOT NULL REFERENCES proposal_merge(id) ON DELETE CASCADE,
  proposal_id      integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  decision         text NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'consent', 'refuse')),
  reason           text,
  decided_by       integer REFERENCES app_user(id) ON DELETE SET NULL,
  decided_at       timestamptz,
  PRIMARY KEY (merge_id, proposal_id)
);

-- Preliminary screening of a submitted (or resubmitted) version.
CREATE TABLE proposal_screening (
  id           serial PRIMARY KEY,
  proposal_id  integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  version      integer NOT NULL,
  passed       boolean NOT NULL,
  checks       jsonb NOT NULL DEFAULT '[]'::jsonb,
  notes        text,
  screened_by  integer REFERENCES app_user(id) ON DELETE SET NULL,
  screened_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_screening_proposal ON proposal_screening (proposal_id);

-- The evaluator pool: a person with expertise keywords and load bounds per call.
CREATE TABLE evaluator (
  id           serial PRIMARY KEY,
  person_id    integer NOT NULL UNIQUE REFERENCES person(id) ON DELETE CASCADE,
  user_id      integer UNIQUE REFERENCES app_user(id) ON DELETE SET NULL,
  expertise    text[] NOT NULL DEFAULT '{}',
  min_load     integer NOT NULL DEFAULT 0 CHECK (min_load >= 0),
  max_load     integer NOT NULL DEFAULT 10 CHECK (max_load >= min_load),
  active       boolean NOT NULL DEFAULT true,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Organisations an evaluator works or worked for (for same-organisation conflicts).
CREATE TABLE evaluator_affiliation (
  id               serial PRIMARY KEY,
  evaluator_id     integer NOT NULL REFERENCES evaluator(id) ON DELETE CASCADE,
  organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  from_on          date,
  to_on            date,
  UNIQUE (evaluator_id, organisation_id, from_on)
);

-- Registry facts used by conflict detection: supplier, customer, shareholder relations.
CREATE TABLE business_relation (
  id                    serial PRIMARY KEY,
  from_organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  to_organisation_id    integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  kind                  text NOT NULL CHECK (kind IN ('supplier', 'customer', 'shareholder')),
  since                 date,
  until                 date,
  source                text,
  synthetic             boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (from_organisation_id <> to_organisation_id),
  UNIQUE (from_organisation_id, to_organisation_id, kind)
);

-- A conflict an evaluator declared (personal ties included): for one proposal or for every
-- proposal involving an organisation.
CREATE TABLE conflict_declaration (
  id               serial PRIMARY KEY,
  evaluator_id     integer NOT NULL REFERENCES evaluator(id) ON DELETE CASCADE,
  proposal_id      integer REFERENCES proposal(id) ON DELETE CASCADE,
  organisation_id  integer REFERENCES organisation(id) ON DELETE CASCADE,
  kind             text NOT NULL DEFAULT 'declared' CHECK (kind IN ('declared', 'personal')),
  reason           text NOT NULL CHECK (length(reason) > 0),
  declared_by      integer REFERENCES app_user(id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (proposal_id IS NOT NULL OR organisation_id IS NOT NULL)
);
CREATE INDEX conflict_declaration_evaluator ON conflict_declaration (evaluator_id);

-- One evaluator reviewing one proposal; method says whether the optimiser or an officer chose it.
CREATE TABLE review_assignment (
  id            serial PRIMARY KEY,
  call_id       integer NOT NULL REFERENCES funding_call(id) ON DELETE CASCADE,
  proposal_id   integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  evaluator_id  integer NOT NULL REFERENCES evaluator(id) ON DELETE CASCADE,
  method        text NOT NULL CHECK (method IN ('auto', 'manual')),
  status        text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'declined', 'submitted', 'withdrawn')),
  cost          double precision,
  created_by    integer REFERENCES app_user(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (proposal_id, evaluator_id)
);
CREATE INDEX review_assignment_evaluator ON review_assignment (evaluator_id, status);
CREATE INDEX review_assignment_call ON review_assignment (call_id);

-- A blind review: scores per rubric criterion ({ "criterionCode": score }) and comments.
CREATE TABLE review (
  id                     serial PRIMARY KEY,
  assignment_id          integer NOT NULL UNIQUE REFERENCES review_assignment(id) ON DELETE CASCADE,
  scores                 jsonb NOT NULL DEFAULT '{}'::jsonb,
  total                  double precision,
  comment_to_applicant   text,
  comment_to_committee   text,
  status                 text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  submitted_at           timestamptz,
  synthetic              boolean NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE field_inspection (
  id              serial PRIMARY KEY,
  proposal_id     integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  inspected_on    date NOT NULL,
  inspectors      text NOT NULL,
  findings        text NOT NULL,
  recommendation  text CHECK (recommendation IN ('proceed', 'proceed_with_conditions', 'do_not_proceed')),
  created_by      integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic       boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_inspection_proposal ON field_inspection (proposal_id);

CREATE TABLE committee_meeting (
  id          serial PRIMARY KEY,
  call_id     integer NOT NULL REFERENCES funding_call(id) ON DELETE CASCADE,
  held_on     date NOT NULL,
  title       text NOT NULL,
  members     text,
  minutes     text,
  status      text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'closed')),
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Committee discussion of one proposal.
CREATE TABLE committee_note (
  id           serial PRIMARY KEY,
  meeting_id   integer NOT NULL REFERENCES committee_meeting(id) ON DELETE CASCADE,
  proposal_id  integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  user_id      integer REFERENCES app_user(id) ON DELETE SET NULL,
  body         text NOT NULL CHECK (length(body) > 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX committee_note_proposal ON committee_note (proposal_id);

-- A decision on a proposal (select, request revision, reject, fast-track select, fail
-- screening) with the reason sent to the applicant and, when selected, the approved grant.
CREATE TABLE proposal_decision (
  id                  serial PRIMARY KEY,
  proposal_id         integer NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  meeting_id          integer REFERENCES committee_meeting(id) ON DELETE SET NULL,
  decision            text NOT NULL CHECK (decision IN ('select', 'revise', 'reject', 'fast_track_select', 'fail_screening')),
  reason              text NOT NULL CHECK (length(reason) > 0),
  rank                integer CHECK (rank IS NULL OR rank >= 1),
  approved_grant_krw  bigint CHECK (approved_grant_krw IS NULL OR approved_grant_krw >= 0),
  decided_by          integer REFERENCES app_user(id) ON DELETE SET NULL,
  decided_at          timestamptz NOT NULL DEFAULT now(),
  notified_at         timestamptz,
  synthetic           boolean NOT NULL DEFAULT false
);
CREATE INDEX proposal_decision_proposal ON proposal_decision (proposal_id);

-- A funded project, made from a selected proposal.
CREATE TABLE project (
  id                    serial PRIMARY KEY,
  proposal_id           integer NOT NULL UNIQUE REFERENCES proposal(id) ON DELETE RESTRICT,
  call_id               integer NOT NULL REFERENCES funding_call(id) ON DELETE RESTRICT,
  instrument_id         integer NOT NULL REFERENCES call_instrument(id) ON DELETE RESTRICT,
  complex_id            integer REFERENCES complex(id) ON DELETE SET NULL,
  mini_cluster_id       integer REFERENCES mini_cluster(id) ON DELETE SET NULL,
  lead_organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
  title                 text NOT NULL,
  start_on              date NOT NULL,
  end_on                date NOT NULL,
  approved_grant_krw    bigint NOT NULL CHECK (approved_grant_krw >= 0),
  status                text NOT NULL DEFAULT 'active',
  synthetic             boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (end_on >= start_on)
);
CREATE INDEX project_complex ON project (complex_id);
CREATE INDEX project_call ON project (call_id);

-- The grant agreement: approved budget lines ([{category, funder, amountKrw}]) and terms.
CREATE TABLE agreement (
  id                serial PRIMARY KEY,
  project_id        integer NOT NULL UNIQUE REFERENCES project(id) ON DELETE CASCADE,
  status            text NOT NULL DEFAULT 'draft',
  approved_budget   jsonb NOT NULL DEFAULT '[]'::jsonb,
  total_grant_krw   bigint NOT NULL CHECK (total_grant_krw >= 0),
  terms             text,
  offered_on        date,
  signed_on         date,
  amendment_count   integer NOT NULL DEFAULT 0 CHECK (amendment_count >= 0),
  synthetic         boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- One instalment of the disbursement schedule and what happened to it.
CREATE TABLE disbursement (
  id               serial PRIMARY KEY,
  agreement_id     integer NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
  project_id       integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  seq              integer NOT NULL CHECK (seq >= 1),
  scheduled_on     date NOT NULL,
  amount_krw       bigint NOT NULL CHECK (amount_krw > 0),
  status           text NOT NULL DEFAULT 'scheduled',
  requested_on     date,
  paid_on          date,
  paid_amount_krw  bigint CHECK (paid_amount_krw IS NULL OR paid_amount_krw >= 0),
  note             text,
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agreement_id, seq)
);
CREATE INDEX disbursement_project ON disbursement (project_id, scheduled_on);

-- A report due on the instrument's schedule. `content` starts pre-filled from data already
-- held (activities, outcomes, disbursements) so nothing is typed twice.
CREATE TABLE project_report (
  id                  serial PRIMARY KEY,
  project_id          integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('periodic', 'annual', 'interim', 'final')),
  period_start        date NOT NULL,
  period_end          date NOT NULL,
  due_on              date NOT NULL,
  status              text NOT NULL DEFAULT 'due',
  content             jsonb NOT NULL DEFAULT '{}'::jsonb,
  submitted_on        date,
  accepted_on         date,
  amendment_rounds    integer NOT NULL DEFAULT 0 CHECK (amendment_rounds >= 0),
  paperwork_hours     numeric(8, 1) CHECK (paperwork_hours IS NULL OR paperwork_hours >= 0),
  synthetic           boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);
CREATE INDEX project_report_project ON project_report (project_id, due_on);

-- A result of a project: patents, prototypes, products, sales, jobs, licence income, royalties.
CREATE TABLE project_outcome (
  id           serial PRIMARY KEY,
  project_id   integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('patent_application', 'patent_grant', 'prototype', 'product', 'sales', 'jobs', 'licence_income', 'royalty', 'publication', 'other')),
  title        text NOT NULL,
  quantity     double precision CHECK (quantity IS NULL OR quantity >= 0),
  value_krw    bigint CHECK (value_krw IS NULL OR value_krw >= 0),
  occurred_on  date NOT NULL,
  evidence     text,
  report_id    integer REFERENCES project_report(id) ON DELETE SET NULL,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_outcome_project ON project_outcome (project_id, occurred_on);

-- Interim and final evaluations of a project; gate decisions are project transitions.
CREATE TABLE project_evaluation (
  id              serial PRIMARY KEY,
  project_id      integer NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('interim', 'final')),
  evaluated_on    date NOT NULL,
  score           double precision CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
  grade           text,
  findings        text,
  recommendation  text CHECK (recommendation IN ('continue', 'terminate', 'complete')),
  created_by      integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic       boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_evaluation_project ON project_evaluation (project_id);

-- Every workflow transition of the cycle (entity = the workflow's name in the domain package:
-- demand, call, proposal, agreement, disbursement, report, project).
CREATE TABLE workflow_event (
  id          bigserial PRIMARY KEY,
  entity      text NOT NULL,
  entity_id   integer NOT NULL,
  from_state  text,
  action      text NOT NULL,
  to_state    text NOT NULL,
  reason      text,
  user_id     integer REFERENCES app_user(id) ON DELETE SET NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  -- The business date of the step when it differs from `at` (demo history, back-dated entry).
  on_date     date,
  synthetic   boolean NOT NULL DEFAULT false
);
CREATE INDEX workflow_event_entity ON workflow_event (entity, entity_id, at);
