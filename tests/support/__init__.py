"""What the tests share: answers files and keystrokes, the installed script and how to run it,
homes built for a test, the checks of an error line, and the command reference (docs/reference.md,
man/aspire.1) written from the app. Test files import from here, never from conftest.py (fixtures
and hooks only) nor from one another."""
