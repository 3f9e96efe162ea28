-- The people list is ordered by the folded name: read it in index order instead of sorting a
-- province's 200,000 people for each page.
CREATE INDEX persons_org_search ON persons (org_id, search_text, id);

-- A unit officer's to-do list reads what its own units sent, campaign by campaign.
CREATE INDEX submissions_unit ON submissions (unit_id, campaign_id);
