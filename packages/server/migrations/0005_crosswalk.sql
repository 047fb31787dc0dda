-- Industry crosswalks between classification vintages (e.g. KSIC 9 -> KSIC 10): each link
-- sends a share (weight) of a source industry's value to a target industry. The weights of one
-- source industry sum to 1; the service checks that on every write.

CREATE TABLE industry_crosswalk (
  id                      serial PRIMARY KEY,
  name                    text NOT NULL UNIQUE,
  from_classification_id  integer NOT NULL REFERENCES industry_classification(id) ON DELETE CASCADE,
  to_classification_id    integer NOT NULL REFERENCES industry_classification(id) ON DELETE CASCADE,
  description             text,
  source                  text,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE industry_crosswalk_link (
  crosswalk_id      integer NOT NULL REFERENCES industry_crosswalk(id) ON DELETE CASCADE,
  from_industry_id  integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  to_industry_id    integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  weight            double precision NOT NULL CHECK (weight > 0 AND weight <= 1),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (crosswalk_id, from_industry_id, to_industry_id)
);
CREATE INDEX industry_crosswalk_link_to ON industry_crosswalk_link (to_industry_id);
