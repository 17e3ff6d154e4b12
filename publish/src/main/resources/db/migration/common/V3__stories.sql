-- Stories (issue #17): the story enrich linked each release into, with the link's score and evidence, and the story
-- on each notification. A story's headlines, sources and labels are read from its releases (see StoryQueries).
ALTER TABLE releases ADD COLUMN story_id VARCHAR(64);
ALTER TABLE releases ADD COLUMN story_link TEXT;
CREATE INDEX ix_releases_story ON releases (story_id, sort_date);
ALTER TABLE outbox ADD COLUMN story_id VARCHAR(64);
