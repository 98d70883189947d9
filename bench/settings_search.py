"""The test settings (production's, minus the static manifest a bench run has
not collected) with production's reads connection: on PostgreSQL the search
and the reader's cards run on it, with prepared statements, as served. (The
test suite keeps every read on the default connection, in the test's
transaction.)"""

import newsroom.settings as production
from tests.settings import *  # noqa: F403

READS_DATABASE = production.READS_DATABASE
