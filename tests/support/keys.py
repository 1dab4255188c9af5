"""Keystrokes for an interview read from a pipe (the `keys` fixture): a whole prep, a whole talk."""

DONE = "\r"  # Enter submits an answer
NEW_LINE = "\x1b\r"  # Alt-Enter (Esc, Enter): a new line inside one
DOWN = "\x1b[B"
CTRL_C = "\x03"

PREP_KEYS = [
    f"answer 1{DONE}",
    f"{DOWN}{DOWN}\r",  # potential_level: the third choice
    "\r",  # readiness: Enter takes the first choice
    *(f"answer {n}{DONE}" for n in range(2, 6)),
]
TALK_KEYS = [
    f"Lead a team{NEW_LINE}within two years{DONE}",
    f"Director{DONE}",
    f"{DOWN}{DOWN}{DOWN}\r",  # aspiration_level: the fourth choice
    f"Partly{DONE}",
    f"{DOWN}\r",  # willing: the second choice
    f"Architecture{DONE}",
    f"Delegation{DONE}",
    "Run the guild\r",
    "2 sessions a month\r",
    "2027-06-30\r",
    "Delegate releases\r",
    "Bob runs two\r",
    "\r",
    "\r",  # an empty "Action 3" ends the list
    f"More scope{DONE}",
]
