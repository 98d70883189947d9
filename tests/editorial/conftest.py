import pytest

from tests.editorial.helpers import member
from tests.factories import make_author, make_section


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
