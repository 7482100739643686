"""The typer app and what its commands share: options declared once, ``fail``, the one-line fault
report, ``load_tagger`` and ``read_articles``.

Command modules (``*/commands.py``) import this module and register themselves on :data:`app`
with :func:`command`; ``conflict_events.cli`` imports them and runs the app. Nothing imports
``conflict_events.cli``, and no command module imports another. Heavy libraries (torch,
transformers, pyarrow) are imported inside functions, so ``--help`` stays fast.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import os
import typing
from pathlib import Path
from typing import Annotated, Callable, NoReturn

import typer

app = typer.Typer(
    help="Turn armed-conflict news into structured event data: validate annotations, train a tagger, tag, "
         "extract events and evaluate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: typer's rich panels print every flag as ``<bool>``; click prints
    # ``--flag / --no-flag`` and the defaults.
    rich_markup_mode=None,
    context_settings={"show_default": True},
)

Articles = Annotated[list[Path], typer.Argument(
    help="Articles: JSONL/JSON of {id, text, date?, ...} (.gz too), CSV, Parquet, .txt files (one article each), saved "
         "`datasets` folders, or folders of them (searched recursively).", show_default=False)]
ModelDir = Annotated[Path, typer.Option("--model", "-m", help="Folder written by `conflict-events train`.", show_default=False)]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Windows per forward pass.")]


def fail(message: str, code: int = 1) -> NoReturn:
    """End the command with one line on stderr and a non-zero exit."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def describe_fault(error: BaseException) -> str | None:
    """One line for a fault a user can cause (a bad path, a full or read-only disk, a corrupt file),
    or None for a bug, which keeps its traceback."""
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        reason = error.strerror or str(error)
        if isinstance(error, (FileExistsError, NotADirectoryError)) and error.filename:
            reason += " (a file stands where a folder is needed)"
        return f"{where}{reason}"
    from conflict_events.batch.allocator import AllocatorError
    from conflict_events.batch.chunks import ResumeError
    from conflict_events.corpus import InvalidAnnotations
    from conflict_events.inputs import InputFormatError

    if isinstance(error, (AllocatorError, ResumeError, InvalidAnnotations, InputFormatError)):
        return str(error)
    if type(error).__name__ in ("NotAModelFolder", "SafetensorError", "MisalignedAnnotations", "EventFileError",
                                "NoEventLayer"):
        return str(error)  # matched by name: importing their modules would load torch for every command
    return None


def command(name: str | None = None, **settings) -> Callable[[Callable], Callable]:
    """``app.command`` whose function turns user faults (:func:`describe_fault`) into one line
    and exit code 1 instead of a traceback."""

    def register(function: Callable) -> Callable:
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except KeyboardInterrupt:
                fail("interrupted", 130)
            except Exception as error:  # noqa: BLE001 - re-raised unless it is a user fault
                message = describe_fault(error)
                if message is None:
                    raise
                fail(message)

        app.command(name, **settings)(guarded)
        return guarded

    return register


def takes_options(options_type: type) -> Callable[[Callable], Callable]:
    """Let several commands share the options of one dataclass: typer sees each field as a
    parameter (its ``Annotated`` type and default), the command receives one ``options`` value.
    Typer has no such feature, and the alternative is the same long parameter list per command."""
    hints = typing.get_type_hints(options_type, include_extras=True)
    empty = inspect.Parameter.empty
    shared = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, annotation=hints[f.name],
                          default=empty if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(options_type)
    ]
    names = [p.name for p in shared]

    def decorate(function: Callable) -> Callable:
        signature = inspect.signature(function, eval_str=True)
        own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in signature.parameters.values() if p.name != "options"]

        @functools.wraps(function)
        def with_options(**values):
            options = options_type(**{name: values.pop(name) for name in names})
            return function(options=options, **values)

        parameters = shared[:1] + own + shared[1:]  # the first field (the inputs) leads the help
        with_options.__signature__ = signature.replace(parameters=parameters)
        with_options.__annotations__ = {p.name: p.annotation for p in parameters}
        return with_options

    return decorate


def check_writable(path: Path) -> Path:
    """Fail now, before minutes of work, when ``path`` cannot be written: make its folder and a
    scratch file beside it, then remove both. Raises OSError naming the path."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(21, "Is a folder; expected a file name", str(path))
    missing = [folder for folder in path.parents if not folder.exists()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe = path.with_name(f".{path.name}.{os.getpid()}.probe")
        probe.touch()
        probe.unlink()
    finally:
        for folder in missing:  # innermost first; leave no trace of the check
            if folder.is_dir():
                folder.rmdir()
    return path


def check_model(model: Path) -> None:
    """Fail with one line naming the folder when ``model`` is not a saved model or its weights are
    truncated or corrupt (``safe_open`` checks that the header covers the whole file, cheaply)."""
    from safetensors import SafetensorError, safe_open

    from conflict_events.model.tagger import NotAModelFolder, check_model_folder

    try:
        check_model_folder(model)
    except NotAModelFolder as error:
        fail(str(error))
    for weights in sorted(Path(model).glob("*.safetensors")):
        try:
            with safe_open(str(weights), "np"):
                pass
        except SafetensorError as error:
            fail(f"{weights}: cannot read the weights, the file is truncated or corrupt ({error})")


def load_tagger(model: Path, batch_size: int = 16):
    """The tagger saved in ``model``, with every saved inference setting (``Tagger.load`` keeps them)."""
    from conflict_events.model import Tagger

    check_model(model)
    return Tagger.load(model, batch_size=batch_size)


def read_articles(inputs: list[Path]):
    """Articles and rejected records (each reported on stderr)."""
    from conflict_events.inputs import Rejected, read_inputs

    articles, rejected = [], []
    for record in read_inputs(inputs):
        if isinstance(record, Rejected):
            rejected.append(record)
            typer.echo(f"rejected {record}", err=True)
        else:
            articles.append(record)
    return articles, rejected
