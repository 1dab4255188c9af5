"""`aspire --show-completion` and `--install-completion`: Typer's scripts for a shell (the slow path,
away from the launcher's fast completion of a word in completion.py)."""

from __future__ import annotations

from aspire_cli.cli.launcher import COMPLETE_VAR


def script(shell: str) -> str:
    """Typer's completion script for `shell`, calling `aspire` with COMPLETE_VAR set."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name="aspire", complete_var=COMPLETE_VAR, shell=shell)


def install(shell: str, detected: bool = False) -> str:
    """Typer's installation of that script (bash: ~/.bash_completions/aspire.sh, sourced from
    ~/.bashrc; zsh: ~/.zfunc/_aspire, with ~/.zshrc told to load it; fish: its completions
    folder), and what was done, in a line; `detected`: the shell is the one $SHELL names."""
    from typer._completion_shared import install as install_script

    _, path = install_script(shell=shell, prog_name="aspire", complete_var=COMPLETE_VAR)
    which = f"{shell} completion (your shell, as $SHELL names it)" if detected else f"{shell} completion"
    return f"Installed {which} in {path}: it works in every new terminal."
