"""The newsroom's workplace in the admin, under the editorial workflow's rules:
stories (stories.py, with the workflow's pages in workflow.py), topics
(topics.py) and the image library (images.py)."""

from editorial.admin import images, stories, topics, workflow  # noqa: F401
