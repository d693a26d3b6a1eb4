"""Retrospective formats: a tiny registry of named formats and their prompts.

The end-of-cycle questions and the mid-cycle Attractors and Detractors come from the seed
team-okrs-in-action; the others are well-known formats from FunRetrospectives and the
agile literature. Register another with `register_format`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RETRO_FORMATS", "RetroFormat", "default_format", "register_format"]


@dataclass(frozen=True)
class RetroFormat:
    name: str
    title: str
    prompts: tuple[str, ...]
    questions: tuple[str, ...]  # what each prompt asks the team, in the same order
    when: str = "any"  # "mid-cycle", "end" or "any"


RETRO_FORMATS: dict[str, RetroFormat] = {}


def default_format(kind: str) -> RetroFormat:
    """The format a retrospective of this kind ("mid-cycle", "end") starts with: the first made for it."""
    return next(f for f in RETRO_FORMATS.values() if f.when == kind)


def register_format(fmt: RetroFormat) -> RetroFormat:
    if len(fmt.prompts) != len(fmt.questions):
        raise ValueError(f"retro format {fmt.name}: one question per prompt")
    RETRO_FORMATS[fmt.name] = fmt
    return fmt


register_format(RetroFormat(
    name="end-of-cycle",
    title="End-of-cycle review",
    prompts=("achieved", "learned", "surprised", "differently"),
    questions=(
        "Did we achieve what we set out to do?",
        "What did we learn?",
        "What surprised us?",
        "What will we do differently next time?",
    ),
    when="end",
))
register_format(RetroFormat(
    name="attractors-detractors",
    title="Attractors and Detractors",
    prompts=("attractors", "detractors"),
    questions=("What pulled us toward the OKR?", "What pushed us away from it?"),
    when="mid-cycle",
))
register_format(RetroFormat(
    name="start-stop-continue",
    title="Start, Stop, Continue",
    prompts=("start", "stop", "continue"),
    questions=("What should we start doing?", "What should we stop doing?", "What should we keep doing?"),
))
register_format(RetroFormat(
    name="4ls",
    title="4Ls: Liked, Learned, Lacked, Longed for",
    prompts=("liked", "learned", "lacked", "longed-for"),
    questions=("What did we like?", "What did we learn?", "What did we lack?", "What did we long for?"),
))
register_format(RetroFormat(
    name="sailboat",
    title="Sailboat",
    prompts=("wind", "anchors", "rocks", "island"),
    questions=(
        "What pushes us toward the goal (wind)?",
        "What holds us back (anchors)?",
        "What risks lie ahead (rocks)?",
        "Where are we heading (island)?",
    ),
))
