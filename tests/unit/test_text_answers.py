"""A text answer is stored as typed, less the blank lines and spaces trailing at its end."""

import tomllib

from support.records_factory import talk_record

from aspire_cli.domain.questions import Action
from aspire_cli.storage.store import Store

TYPED = "  Lead the guild\n\n\n  then the team  \n\t\n \n\n"


def test_a_text_answer_loses_only_its_trailing_blank_lines_and_spaces_on_disk(home):
    store = Store(home)
    action = Action(action="Pair up  \n", measure="  weekly\n\n")
    path = store.records.write(talk_record(core_strength=TYPED, willing="partly", actions=(action,)), "md")
    answers = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    assert answers["core_strength"] == "  Lead the guild\n\n\n  then the team"
    assert answers["actions"] == [{"action": "Pair up  \n", "measure": "  weekly\n\n"}]  # actions as typed
