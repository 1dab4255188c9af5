"""The recipients file read: each key once (an ssh key's comment does not make it another), comments
and blank lines skipped, the first line that is not a key named by its number, and a bound."""

from __future__ import annotations

import pytest
from pyrage import x25519

from aspire_cli.errors import BadFile
from aspire_cli.storage.recipients import MOST_RECIPIENTS, keys_in, shown_key

SSH = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO6mAxU9BvGQ1HqyDkbM/TSHIrl0RBhqo+nLrqsqA00J"


def test_each_key_once_comments_and_blank_lines_skipped():
    age = str(x25519.Identity.generate().to_public())
    text = f"# the laptop\n{SSH} dana@laptop\n\n{age}\n{SSH} dana@other\n  # indented\n{age}\n"
    assert keys_in(text, "f") == [f"{SSH} dana@laptop", age]


def test_a_line_that_is_not_a_key_is_named_with_its_number():
    with pytest.raises(BadFile, match=r"^f, line 3: recipient: ssh-rsa keys cannot be used"):
        keys_in(f"{SSH}\n\nssh-rsa AAAAB3 me\n", "f")
    with pytest.raises(BadFile, match=r"^f, line 1: recipient 'age1nonsense' is not a valid key"):
        keys_in("age1nonsense\n", "f")


def test_more_keys_than_a_leader_has_machines_are_refused():
    keys = "\n".join(str(x25519.Identity.generate().to_public()) for _ in range(MOST_RECIPIENTS + 1))
    with pytest.raises(BadFile, match="more than 100 recipients"):
        keys_in(keys, "f")


def test_a_key_is_shown_short_with_its_comment():
    assert shown_key(f"{SSH} dana@laptop") == "ssh-ed25519 AAAAC3NzaC1l...rqsqA00J dana@laptop"
    assert shown_key("age1" + "q" * 50 + "abcdefgh") == "age1qqqqqqqq...abcdefgh"
