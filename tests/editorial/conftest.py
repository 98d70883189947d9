import pytest
from django.contrib.auth.models import Group

from tests.factories import make_author, make_section, make_user


def member(group_name, username):
    user = make_user(username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def journalist(db):
    user = member("Journalists", "jo")
    make_author("Jo Reporter", user=user)
    return user


@pytest.fixture
def other_journalist(db):
    user = member("Journalists", "sam")
    make_author("Sam Writer", user=user)
    return user


@pytest.fixture
def editor(db):
    user = member("Editors", "ed")
    make_author("Ed Itor", user=user)
    return user


@pytest.fixture
def section(db):
    return make_section("News")
