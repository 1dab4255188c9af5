"""Where homes synced by an older aspire have their merge drivers (`python -m aspire_cli.sync_merge`,
written into their .git/config): forwarded to storage/merge_driver.py, until the next `aspire sync`
writes the new path."""

import sys

from aspire_cli.storage.merge_driver import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
