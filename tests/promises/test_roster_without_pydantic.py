"""A roster change needs no pydantic, and changes nothing else.

storage/roster.plain_team checks a team.toml as plain data, the way this aspire writes it; anything
else goes to the Team model. These tests hold the plain path to the model's: the same members read,
the same bytes written, and whatever the model would convert or refuse left to the model.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aspire_cli.domain.models import Team
from aspire_cli.errors import BadFile
from aspire_cli.storage.roster import plain_team
from aspire_cli.storage.store import Store
from aspire_cli.storage.toml_read import loads
from aspire_cli.storage.toml_write import toml_text

IDS = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
NAMES = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)
MEMBERS = st.fixed_dictionaries(
    {},
    optional={
        "name": NAMES,
        "cadence_months": st.integers(1, 60),
        "added": st.dates(date(2000, 1, 1), date(2040, 12, 31)),
    },
)
TEAMS = st.fixed_dictionaries(
    {}, optional={"schema": st.just(1), "members": st.dictionaries(IDS, MEMBERS, max_size=5)}
)


@settings(max_examples=300, deadline=None)
@given(data=TEAMS)
def test_a_team_this_aspire_could_write_is_read_plainly_exactly_as_the_model_reads_it(data):
    plain = plain_team(data)
    if plain is None:  # the plain check may only leave a file to the model, never read it otherwise
        return
    assert plain == Team.model_validate(data).to_toml_data()
    assert toml_text(plain) == toml_text(Team.model_validate(data).to_toml_data())


@pytest.mark.parametrize(
    "data",
    [
        {"schema_version": 1},  # the model's own name for the key: its to accept
        {"schema": 2},  # a newer aspire's
        {"schema": True},  # TOML true is not 1
        {"members": {"Alice": {}}},  # not an id
        {"members": {"a": {"cadence_months": 0}}},
        {"members": {"a": {"cadence_months": 12.0}}},
        {"members": {"a": {"cadence_months": True}}},
        {"members": {"a": {"name": 7}}},
        {"members": {"a": {"name": "Al\x1b[2Jice"}}},
        {"members": {"a": {"added": datetime(2026, 1, 5, 9, 0)}}},
        {"members": {"a": {"mood": "fine"}}},
        {"members": {"a": "alice"}},
        {"members": [], "schema": 1},
        {"extra": 1},
    ],
)
def test_anything_not_plainly_valid_is_left_to_the_model(data):
    assert plain_team(data) is None


def test_team_add_rewrites_the_roster_as_the_model_would_and_loads_no_pydantic(aspire, home):
    (home / "team.toml").parent.mkdir(parents=True, exist_ok=True)
    (home / "team.toml").write_text(
        'schema = 1\n\n[members.bob]\nname = "Bob \\"B\\" Lee"\ncadence_months = 6\nadded = 2025-02-03\n\n'
        "[members.cy]\n",
        encoding="utf-8",
    )
    done = aspire("team", "add", "alice", "--name", "Alice Smith")
    assert done.exit_code == 0, done.output
    written = (home / "team.toml").read_text(encoding="utf-8")
    data = loads(written)
    assert written == toml_text(Team.model_validate(data).to_toml_data())
    assert list(data["members"]) == ["bob", "cy", "alice"]
    assert data["members"]["cy"] == {"name": "", "cadence_months": 12}  # the defaults, written out
    assert data["members"]["bob"]["name"] == 'Bob "B" Lee'


def test_a_roster_the_model_refuses_stops_a_change_with_the_models_words(aspire, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "team.toml").write_text("[members.bob]\ncadence_months = 0\n", encoding="utf-8")
    done = aspire("team", "add", "alice")
    assert done.exit_code != 0
    assert "members.bob.cadence_months" in done.output and "mend it first" in done.output
    assert "alice" not in (home / "team.toml").read_text(encoding="utf-8")
    with pytest.raises(BadFile):
        Store(home).team.read()
