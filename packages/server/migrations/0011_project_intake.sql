-- Project intake (issue 6): the lead organisation a merge request names for the merged
-- proposal (one of the leads of the proposals merged); null means the first proposal's lead.
ALTER TABLE proposal_merge
  ADD COLUMN lead_organisation_id integer REFERENCES organisation(id) ON DELETE SET NULL;
CREATE INDEX proposal_merge_consent_proposal ON proposal_merge_consent (proposal_id);
