"""String values of YAML fields with their offsets: front matter and project files
(``_quarto.yml``, ``_bookdown.yml``) name bibliographies and chapters as a string or a list.

PyYAML composes the text into nodes that keep their positions; nothing is constructed, so R
Markdown's ``!r`` and ``!expr`` tags are harmless. Text that is not YAML has no fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # PyYAML is imported when a file has YAML to read, not by every run
    import yaml

__all__ = ["string_values"]


def string_values(text: str, *path: str) -> list[tuple[str, int, int]]:
    """Each string under the key ``path`` (``"bibliography"``, or ``"book", "chapters"``): one
    for a string, each item of a list (strings inside mappings of a list are looked for under
    the same remaining keys: Quarto's ``- part: ... chapters: [...]``), with its start and end
    offsets in ``text`` (quotes included)."""
    import yaml

    try:
        # libyaml's loader where PyYAML was built with it: same nodes and offsets, ten times faster
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    return list(_strings(root, path, path[-1])) if path else []


def _strings(node: yaml.Node | None, path: tuple[str, ...], last: str) -> Iterator[tuple[str, int, int]]:
    import yaml

    if node is None:
        return
    if not path:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value:
            yield node.value, node.start_mark.index, node.end_mark.index
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from _strings(item, path, last)
        elif isinstance(node, yaml.MappingNode):  # an item of the list that nests more: ``- part: ...``
            yield from _strings(node, (last,), last)
        return
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == path[0]:
                yield from _strings(value, path[1:], last)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _strings(item, path, last)
