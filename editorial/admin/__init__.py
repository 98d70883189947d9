"""The newsroom's workplace in the admin, under the editorial workflow's rules:
stories (stories.py, with the workflow's pages in workflow.py), topics
(topics.py), the image library (images.py), and newsroom profiles (profiles.py:
editions and admin language); translations of stories in translations.py."""

from editorial.admin import images, profiles, stories, topics, workflow  # noqa: F401
