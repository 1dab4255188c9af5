"""What the tests share: answers files and keystrokes, the installed script and how to run it,
homes built for a test, and the checks of an error line. Test files import from here, never from
conftest.py (fixtures and hooks only) nor from one another."""
