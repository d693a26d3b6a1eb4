"""YAML read with bounds, for files that come from anyone.

`yaml.safe_load` runs no code, but a 600-byte file of nested anchors expands to billions
of values once something walks it, 10,000 nested brackets overflow the stack, a
4,301-digit integer raises Python's int-from-text limit, and a repeated key silently
wins over the first. This loader counts every node as it composes the document, aliases
at their expanded size, and refuses past the bounds below with the line and column.

Reading 5 MB (1,000 teams and a quarter of check-ins) that way takes seconds, most of it
PyYAML building Python marks and resolving every scalar. So a file is first read by
`ryaml` (Rust, YAML 1.2: `yes`, `no`, `on` and `off` are words, dates are text that the
model reads), which is bounded too (it refuses alias expansion beyond a small multiple of
the file and nesting beyond 128 levels); whatever it refuses is read again by the bounded
reader here, which either accepts it or says on which line and column it is wrong. Text
where the two readers would disagree goes straight to PyYAML: numbers of 16 digits or more
(ryaml turns a 40-digit integer into a float, losing what the model would refuse), hex and
octal numbers, merge keys (`<<`), which YAML 1.2 does not have, and files with more than
MAX_NODES / 2 line breaks and commas (what separates values), whose values the bounded
reader counts before it holds them all.
"""

from __future__ import annotations

import re
from typing import Any

import ryaml
import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from okrkit.errors import InputError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "load"]

MAX_BYTES = 10_000_000  # an engagement of 1,000 teams with a quarter of check-ins is a few MB
MAX_NODES = 1_000_000  # values after alias expansion; that engagement has about 400,000
MAX_DEPTH = 50  # an engagement nests 6 levels deep
MAX_DIGITS = 1_000  # far beyond any number okrkit can store exactly, far below Python's 4,300

_PYYAML_ONLY = re.compile(r"\d{16,}|0[xXoO][0-9a-fA-F_]|<<")

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the same loader, all in Python
    _Loader: Any = yaml.SafeLoader
else:
    class _Loader(Composer, SafeConstructor, Resolver, CParser):  # type: ignore[no-redef,misc]
        """libyaml scans and parses (six times faster); Python composes, so that nodes can be counted."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


class _BoundedLoader(_Loader):  # type: ignore[misc,valid-type]
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._nodes = 0
        self._depth = 0
        self._sizes: dict[int, int] = {}
        self._open: set[str] = set()

    def _count(self, n: int, mark: Any) -> None:
        self._nodes += n
        if self._nodes > MAX_NODES:
            raise ComposerError(None, None, f"the document holds more than {MAX_NODES:,} values "
                                "(counting what its aliases repeat); an engagement file is far smaller", mark)

    def _size(self, node: yaml.Node) -> int:
        known = self._sizes.get(id(node))
        if known is None:
            if isinstance(node, yaml.MappingNode):
                known = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                known = 1 + sum(self._size(v) for v in node.value)
            else:
                known = 1
            self._sizes[id(node)] = known
        return known

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open:
                raise ComposerError(None, None, f"alias *{event.anchor} refers to the value that contains it",
                                    event.start_mark)  # type: ignore[arg-type]
            if event.anchor in self.anchors:
                self._count(self._size(self.anchors[event.anchor]), event.start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ComposerError(None, None, f"values are nested more than {MAX_DEPTH} levels deep",
                                event.start_mark)
        self._count(1, event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor:
            self._open.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open.discard(anchor)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)):
                continue  # left for the constructor, which refuses keys that cannot be keys
            if key in seen:
                raise ConstructorError(None, None, f"the key {key!r} appears twice in the same mapping (first "
                                       f"on line {seen[key].line + 1})", key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value) > MAX_DIGITS:
            raise ConstructorError(None, None, f"a number of {len(node.value):,} digits is too long to be a value",
                                   node.start_mark)
        return super().construct_yaml_int(node)  # type: ignore[no-any-return]


    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:  # 2026-02-30 looks like a date and is none
            raise ConstructorError(None, None, f"{node.value!r} is not a date ({error})", node.start_mark) from None


# YAML 1.2's core schema, as ryaml reads it, so that the two readers agree on what is a word:
# yes/no/on/off, 1:30, 1_000, 012 and dates are text here too (the model reads dates). The
# writer (okrkit/io/yaml_file.py) quotes text these would read as something else.
CORE_SCHEMA = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^<<$", "<"),
)


def add_core_schema(cls: Any) -> None:
    """Give a PyYAML loader or dumper class YAML 1.2's core-schema resolvers."""
    for tag, pattern, first in CORE_SCHEMA:
        cls.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


_BoundedLoader.yaml_implicit_resolvers = {}
add_core_schema(_BoundedLoader)
_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)
_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _BoundedLoader.construct_yaml_timestamp)


def load(text: str) -> Any:
    """The single document in `text`, within the bounds; raises `yaml.YAMLError` past them."""
    if len(text) > MAX_BYTES:
        raise InputError(f"is {len(text) / 1e6:.0f} MB; an engagement file is at most {MAX_BYTES // 1_000_000} MB")
    if text.count("\n") + text.count(",") > MAX_NODES // 2 or _PYYAML_ONLY.search(text):
        return _bounded_load(text)
    try:
        return ryaml.loads(text)
    except Exception:  # any refusal: the bounded reader gives the reason with its place
        return _bounded_load(text)


def _bounded_load(text: str) -> Any:
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
