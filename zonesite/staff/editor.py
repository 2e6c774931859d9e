"""The form editor behind ``serve``'s ``/_edit/``: a zone file as a form, and a form back into the
smallest set of changes to that file.

Everything about a field comes from the registry: its label and help in the staff's language, its
kind (text per language, number with its unit, date, choice, key of a definition, list of keys,
list of groups, keyed section). A form's answer is turned into ``(path, value)`` changes to the
values as written, so a field left alone is never rewritten, and the changes are applied with
:func:`~zonesite.staff.yamledit.edit_text` (comments, key order and layout stay). Before anything
is written, the new text is checked by the same code as ``check``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check.settings import SiteSettings, read_settings
from ..check.validate import field_name
from ..check.zones import check_source, section_keys
from ..derive.land import derive_land
from ..errors import Problem
from ..i18n import _, language
from ..model import routes
from ..model.registry import FieldSpec, derivable, fields, keyed_sections, labels
from ..model.site import Definition
from ..model.types import ANY_LANGUAGE, Text
from ..model.zone import Zone
from ..source.files import parse_source
from .yamledit import edit_text

Path_ = tuple[str | int, ...]
Form = dict[str, list[str]]
SCALARS = ("text", "string", "number", "integer", "boolean", "date", "key", "choice", "keys")
DERIVABLE = tuple(spec.dotted for spec in derivable(Zone))  # figures the engine computes when left out
ORIGIN = "_origin"  # hidden input of a list item: its index in the file when the form was made, or "new"


@dataclass
class Input:
    """One control: its form name (``contacts[0].phone``, ``name@vi``), what it edits and shows."""

    name: str
    path: Path_
    kind: str
    label: str
    help: str = ""
    value: Any = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    unit: str = ""
    lang: str = ""
    long: bool = False
    show_help: bool = True  # a text's help is shown once, under its first language


@dataclass
class Item:
    """One item of a list: its inputs and where it was in the file."""

    index: int
    origin: str
    inputs: list[Input]


@dataclass
class Box:
    """A fieldset: a group of fields, a keyed section's entry, or a list with its items and a blank
    item the page copies when staff add one."""

    id: str
    label: str
    help: str = ""
    inputs: list[Input] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    items: list[Item] | None = None
    blank: Item | None = None


@dataclass
class Checked:
    """A form checked: the file's new text, the problems by form name, and the derived figures."""

    text: str
    problems: list[Problem]
    derived: dict[str, float | None]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def digest(text: str) -> str:
    """What the file was when the form was made: a save over a file changed since is refused."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class ZoneForm:
    """The form for one zone file of a site."""

    def __init__(self, root: Path, path: Path) -> None:
        self.root, self.path = root, path
        self.settings: SiteSettings = read_settings(root)
        self.languages = self.settings.languages
        self.defs: dict[str, dict[str, Definition]] = self.settings.defs or {}
        self.markdown = path.suffix.lower() == ".md"
        self.text = path.read_text(encoding="utf-8") if path.is_file() else ""
        self.labels = labels(Zone)

    @property
    def file(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    def unreadable(self) -> list[Problem]:
        """Why the file cannot be read as YAML, if it cannot: such a file is fixed in a text editor
        (a form filled from nothing would write over what it holds)."""
        source, problems = parse_source(self.text, self.path, self.file, self.markdown)
        return problems if source is None else []

    def raw(self, text: str | None = None) -> tuple[dict[str, Any], Text | None]:
        """The file's values as written (and a Markdown file's body by language)."""
        source, _problems = parse_source(self.text if text is None else text, self.path, self.file, self.markdown)
        data = source.doc.data if source and isinstance(source.doc.data, dict) else {}
        body = None
        if source and source.body and source.body.strip():
            from ..check.content import split_languages

            body = split_languages(source, self.languages, [])
        return data, body

    # --- the form ------------------------------------------------------------------------------
    def boxes(self, data: dict[str, Any] | None = None, body: Text | None = None) -> list[Box]:
        """The whole form, section by section, filled with ``data`` (the file's values by default)."""
        if data is None:
            data, body = self.raw()
        main = Box("zone", _("Zone"))
        result = [main]
        for spec in fields(Zone):
            value = data.get(spec.name)
            if spec.name == "description" and self.markdown:
                value = body.values if body else None
            if spec.kind in SCALARS:
                main.inputs += self._inputs(spec, (spec.name,), value)
            else:
                result.append(self._box(spec, (spec.name,), value))
        return result

    def _label(self, spec: FieldSpec) -> str:
        texts = self.labels.get(spec.dotted, {})
        return texts.get(language()) or texts.get("en") or spec.name

    def _inputs(self, spec: FieldSpec, path: Path_, value: Any) -> list[Input]:
        name, label, help_ = field_name(path), self._label(spec), spec.help
        unit = spec.unit.name if spec.unit else ""
        if spec.kind in ("text", "texts"):
            texts = value if isinstance(value, dict) else dict.fromkeys(self.languages, value or "")
            long = spec.facts.prose and spec.kind == "text"  # long text gets a text area
            return [
                Input(
                    f"{name}@{lang}",
                    path,
                    "text",
                    label,
                    help_,
                    texts.get(lang, "") or "",
                    lang=lang,
                    long=long,
                    show_help=lang == self.languages[0],
                )
                for lang in self.languages
            ]
        if _free_list(spec):  # words without a fixed set (a source's covers): one line, commas between
            shown = ", ".join(str(v) for v in value) if isinstance(value, list) else ""
            return [Input(name, path, "list", label, help_, shown, [], unit)]
        options = self._options(spec)
        shown = "" if value is None else _written(value)
        if spec.kind == "keys":
            shown = [str(v) for v in value] if isinstance(value, list) else []
        return [Input(name, path, spec.kind, label, help_, shown, options, unit)]

    def _options(self, spec: FieldSpec) -> list[tuple[str, str]]:
        if spec.ref:
            return self.options_of(spec.ref)
        return [(str(c), str(c)) for c in spec.choices]

    def options_of(self, kind: str) -> list[tuple[str, str]]:
        """The keys of one kind of definition (or of site.yaml's sources) with their labels in the
        staff's language."""
        lang, order = language(), [language(), *self.languages]
        if kind == "sources" and self.settings.config is not None:
            return [
                (key, f"{key}: {src.title.get(lang, order)[0]}") for key, src in self.settings.config.sources.items()
            ]
        return [(key, d.label.get(lang, order)[0]) for key, d in self.defs.get(kind, {}).items()]

    def _box(self, spec: FieldSpec, path: Path_, value: Any) -> Box:
        box = Box(field_name(path), self._label(spec), spec.help)
        if spec.kind == "group" and spec.group is not None:
            data = value if isinstance(value, dict) else {}
            for sub in fields(spec.group):
                full = _nested(spec, sub)
                if sub.kind in SCALARS:
                    box.inputs += self._inputs(full, (*path, sub.name), data.get(sub.name))
        elif spec.kind == "keyed" and spec.group is not None:
            data = value if isinstance(value, dict) else {}
            lang = language()
            for key, definition in self.defs.get(spec.ref or "", {}).items():
                entry = data.get(key) if isinstance(data.get(key), dict) else {}
                inner = Box(field_name((*path, key)), definition.label.get(lang, [lang, *self.languages])[0])
                for sub in fields(spec.group):
                    if sub.kind in SCALARS:
                        inner.inputs += self._inputs(_nested(spec, sub), (*path, key, sub.name), entry.get(sub.name))
                box.boxes.append(inner)
        elif spec.kind in ("groups", "texts"):
            items = value if isinstance(value, list) else []
            box.items = [self._item(spec, path, i, str(i), v) for i, v in enumerate(items)]
            box.blank = self._item(spec, path, len(items), "new", None)
        return box

    def _item(self, spec: FieldSpec, path: Path_, index: int, origin: str, value: Any) -> Item:
        if spec.kind == "texts":
            inputs = self._inputs(spec, (*path, index), value)
            return Item(index, origin, inputs)
        data = value if isinstance(value, dict) else {}
        inputs: list[Input] = []
        for sub in fields(spec.group) if spec.group is not None else ():
            if sub.kind in SCALARS:
                inputs += self._inputs(_nested(spec, sub), (*path, index, sub.name), data.get(sub.name))
        return Item(index, origin, inputs)

    # --- from the form back to the file ---------------------------------------------------------
    def changes(self, form: Form) -> tuple[list[tuple[Path_, Any]], Text | None, bool]:
        """The form's differences from the file: ``(path, value)`` changes (None removes), and a
        Markdown file's new body if its description changed."""
        data, body = self.raw()
        result: list[tuple[Path_, Any]] = []
        new_body, body_changed = body, False
        for spec in fields(Zone):
            path: Path_ = (spec.name,)
            if spec.name == "description" and self.markdown:
                new = _value(spec, field_name(path), form, self.languages, body.values if body else None)
                body_changed = new != (body.values if body else None)
                new_body = Text(new) if isinstance(new, dict) else (Text({ANY_LANGUAGE: new}) if new else None)
                continue
            result += self._diff(spec, path, data.get(spec.name), form)
        return result, new_body, body_changed

    def _diff(self, spec: FieldSpec, path: Path_, old: Any, form: Form) -> list[tuple[Path_, Any]]:
        if spec.kind in SCALARS:
            new = _value(spec, field_name(path), form, self.languages, old)
            return [] if _same(new, old) else [(path, new)]
        if spec.kind == "group" and spec.group is not None:
            old_map = old if isinstance(old, dict) else {}
            found = []
            for sub in fields(spec.group):
                if sub.kind in SCALARS:
                    found += self._diff(_nested(spec, sub), (*path, sub.name), old_map.get(sub.name), form)
            return found
        if spec.kind == "keyed" and spec.group is not None:
            old_map = old if isinstance(old, dict) else {}
            found = []
            for key in self.defs.get(spec.ref or "", {}):
                if key not in old_map:  # a new entry is written whole, in the layout of its siblings
                    entry = self._entry(spec, (*path, key), form)
                    found += [((*path, key), entry)] if entry else []
                    continue
                entry = old_map[key] if isinstance(old_map[key], dict) else {}
                for sub in fields(spec.group):
                    if sub.kind in SCALARS:
                        found += self._diff(_nested(spec, sub), (*path, key, sub.name), entry.get(sub.name), form)
            return found
        if spec.kind in ("groups", "texts"):
            return self._list_diff(spec, path, old if isinstance(old, list) else [], form)
        return []

    def _entry(self, spec: FieldSpec, path: Path_, form: Form) -> dict[str, Any]:
        """The filled fields of a keyed section's entry the file does not have yet."""
        entry = {}
        for sub in fields(spec.group) if spec.group is not None else ():
            if sub.kind in SCALARS:
                value = _value(_nested(spec, sub), field_name((*path, sub.name)), form, self.languages, None)
                if value not in (None, False, []):
                    entry[sub.name] = value
        return entry

    def _list_diff(self, spec: FieldSpec, path: Path_, old: list[Any], form: Form) -> list[tuple[Path_, Any]]:
        """Items edited in place give changes inside them; an added item is appended whole; removing
        or reordering items rewrites the list (each item keeping the fields the form does not show)."""
        name = field_name(path)
        posted = sorted({int(m.group(1)) for key in form if (m := re.match(re.escape(name) + r"\[(\d+)\]", key))})
        origins = [(form.get(f"{name}[{i}].{ORIGIN}") or ["new"])[0] for i in posted]
        kept = [o for o in origins if o != "new"]
        items = [
            (i, o) for i, o in zip(posted, origins, strict=True) if o != "new" or self._filled(spec, path, i, form)
        ]
        if kept == [str(i) for i in range(len(old))] and all(o == "new" for _i, o in items[len(old) :]):
            found: list[tuple[Path_, Any]] = []
            for index, (i, origin) in enumerate(items):
                before = old[int(origin)] if origin != "new" else None
                found += self._item_diff(spec, path, index, i, before, form)
            return found
        rebuilt = []
        for i, origin in items:
            before = copy.deepcopy(old[int(origin)]) if origin != "new" and int(origin) < len(old) else None
            rebuilt.append(self._item_value(spec, path, i, before, form))
        return [(path, rebuilt or None)]

    def _filled(self, spec: FieldSpec, path: Path_, i: int, form: Form) -> bool:
        prefix = f"{field_name(path)}[{i}]"
        return any(
            v.strip() for key, values in form.items() if key.startswith(prefix) and ORIGIN not in key for v in values
        )

    def _item_diff(
        self, spec: FieldSpec, path: Path_, index: int, posted: int, before: Any, form: Form
    ) -> list[tuple[Path_, Any]]:
        if before is None:
            return [((*path, index), self._item_value(spec, path, posted, None, form))]
        if spec.kind == "texts":
            new = _value(spec, field_name((*path, posted)), form, self.languages, before)
            return [] if _same(new, before) else [((*path, index), new)]
        found = []
        old_map = before if isinstance(before, dict) else {}
        for sub in fields(spec.group) if spec.group is not None else ():
            if sub.kind in SCALARS:
                new = _value(
                    _nested(spec, sub),
                    field_name((*path, posted, sub.name)),
                    form,
                    self.languages,
                    old_map.get(sub.name),
                )
                if not _same(new, old_map.get(sub.name)):
                    found.append(((*path, index, sub.name), new))
        return found

    def _item_value(self, spec: FieldSpec, path: Path_, posted: int, before: Any, form: Form) -> Any:
        if spec.kind == "texts":
            return _value(spec, field_name((*path, posted)), form, self.languages, before)
        item = dict(before) if isinstance(before, dict) else {}
        for sub in fields(spec.group) if spec.group is not None else ():
            if sub.kind in SCALARS:
                new = _value(
                    _nested(spec, sub), field_name((*path, posted, sub.name)), form, self.languages, item.get(sub.name)
                )
                if new is None or new == [] or new is False:
                    item.pop(sub.name, None)
                else:
                    item[sub.name] = new
        return item

    # --- checking -------------------------------------------------------------------------------
    def check(self, form: Form) -> Checked:
        """The file as the form would write it, checked like ``check`` checks files."""
        changes, body, body_changed = self.changes(form)
        keys_order = {p: list(self.defs.get(kind, {})) for p, kind in keyed_sections(Zone).items()}
        text = edit_text(self.text, changes, keys_order, self.markdown, body, body_changed, self.languages)
        return self.check_text(text)

    def check_text(self, text: str) -> Checked:
        """A zone file's text checked like ``check`` checks files, with the figures it derives."""
        problems: list[Problem] = list(self.settings.problems if self.settings.config is None else [])
        source, found = parse_source(text, self.path, self.file, self.markdown)
        problems += found
        derived: dict[str, float | None] = {}
        if source is not None:
            static = [self.root / routes.STATIC]
            checked = check_source(source, self.settings.context, static, section_keys(self.settings.refs), problems)
            if checked is not None:
                land = derive_land(checked.zone)
                derived = {path: getattr(land, path.rsplit(".", 1)[1], None) for path in DERIVABLE}
        return Checked(text, problems, derived)


def _nested(parent: FieldSpec, sub: FieldSpec) -> FieldSpec:
    """A field of a group with its full dotted path (labels are kept by path)."""
    from dataclasses import replace

    return replace(sub, path=(*parent.path, *sub.path))


def _free_list(spec: FieldSpec) -> bool:
    """A list of words that are neither definitions nor fixed choices."""
    return spec.kind == "keys" and not spec.ref and not spec.choices


def _written(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _value(spec: FieldSpec, name: str, form: Form, languages: list[str], old: Any) -> Any:
    """The value one field's controls give, typed as the file would hold it; what cannot be read
    (letters in a number) is kept as written, so the check says where and why."""
    if spec.kind in ("text", "texts"):
        posted = {lang: (form.get(f"{name}@{lang}") or [""])[0].strip() for lang in languages}
        if isinstance(old, str) and all(v == old.strip() for v in posted.values()):
            return old  # one text for every language, untouched
        merged = dict(old) if isinstance(old, dict) else {}
        merged.update(posted)
        merged = {k: v for k, v in merged.items() if v}
        return merged or None
    if _free_list(spec):
        words = [w.strip() for w in (form.get(name) or [""])[0].split(",") if w.strip()]
        return words or None
    if spec.kind == "keys":
        chosen = [v for v in form.get(name, []) if v]
        return chosen or None
    if spec.kind == "boolean":
        return True if form.get(name) else (False if old is not None else None)
    text = (form.get(name) or [""])[0].strip()
    if not text:
        return None
    if spec.kind in ("number", "integer"):
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return text
        return int(number) if spec.kind == "integer" or number.is_integer() else number
    return text


def _same(new: Any, old: Any) -> bool:
    if isinstance(old, (dt.date, dt.datetime)):
        old = old.isoformat()
    if isinstance(new, list) and isinstance(old, list):
        return sorted(map(str, new)) == sorted(map(str, old))
    if isinstance(new, (int, float)) and isinstance(old, (int, float)) and not isinstance(old, bool):
        return float(new) == float(old)
    if old is None and new in (None, False):
        return True
    return new == old
