"""The newsroom's workplace in the admin, under the editorial workflow's rules:
stories (stories.py, with the workflow's pages in workflow.py), topics
(topics.py), the image library (images.py), the arrangement of the front and
section pages (front.py), newsroom profiles (profiles.py: editions and admin
language) and translations of stories (translations.py)."""

from editorial.admin import front, images, profiles, stories, topics, workflow  # noqa: F401
