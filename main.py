"""nnlens: watch a neural network learn.

``python main.py`` opens the window; sub-commands do headless work (see ``--help``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Training runs in one thread beside the GUI thread; a multi-threaded BLAS spinning on the same
# cores slowed both several-fold (bench/gui_bench.py); these small nets train about as fast
# on one BLAS thread.
# Set before NumPy is first imported; an explicit setting in the environment wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from engine.errors import NnlensError  # noqa: E402


def _experiment(args: argparse.Namespace):
    """The lesson named by --preset NAME, or the experiment in --config FILE (a lesson file
    too, when it has a [lesson] table); None when neither is given."""
    from engine.config import ExperimentConfig
    from engine.presets import is_lesson_file, load_lesson

    if getattr(args, "config", None):
        name = Path(args.config).name
        try:
            if is_lesson_file(args.config):
                return load_lesson(args.config)
            return ExperimentConfig.load(args.config)
        except NnlensError as exc:
            if name in str(exc):
                raise
            raise NnlensError(f"{name}: {exc}") from None  # which file, when the field says not
    if getattr(args, "preset", None):
        return load_lesson(args.preset)
    return None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def _use_language(lang: str | None) -> None:
    """Translate what a headless command writes (figures, handouts, messages) into ``lang``,
    or the language the app was last used in."""
    from PySide6.QtCore import QSettings

    from gui.app import ORGANIZATION
    from gui.figure import ensure_app
    from gui.i18n import set_language, startup_language

    ensure_app()
    set_language(startup_language(QSettings(ORGANIZATION, ORGANIZATION), lang))


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("en", "ko"),
        help="English or Korean (default: the language chosen last, else the system's)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="nnlens: train a small neural network and watch what happens inside.",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--preset", metavar="NAME", help="open a lesson (see `presets`)")
    source.add_argument("--config", metavar="FILE", help="open an experiment TOML file")
    parser.add_argument(
        "--steps",
        type=_positive,
        default=0,
        help="train N steps through the real worker thread after opening",
    )
    parser.add_argument("--screenshot", metavar="PNG", help="save a screenshot of the window")
    parser.add_argument("--quit", action="store_true", help="quit after --steps/--screenshot")
    _language_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    train = commands.add_parser("train", help="train headless, print a summary, write JSON")
    group = train.add_mutually_exclusive_group(required=True)
    group.add_argument("--preset", metavar="NAME")
    group.add_argument("--config", metavar="FILE")
    train.add_argument("--steps", type=_positive, required=True, metavar="N")
    train.add_argument("--json", metavar="OUT", help="write the history and final figures here")

    presets = commands.add_parser("presets", help="list the lessons")
    presets.add_argument(  # SUPPRESS: a subcommand's default would override `--lang ko presets`
        "--lang",
        default=argparse.SUPPRESS,
        metavar="CODE",
        help="titles in this language, e.g. ko (English where a lesson has none)",
    )

    worked = commands.add_parser(
        "worked-example", help="write one update of a small network by hand (md, html, pdf, json)"
    )
    group = worked.add_mutually_exclusive_group(required=True)
    group.add_argument("--preset", metavar="NAME")
    group.add_argument("--config", metavar="FILE")
    worked.add_argument(
        "--sample",
        type=_positive,
        default=0,
        metavar="I",
        help="the training sample to follow (default 0)",
    )
    worked.add_argument(
        "--steps",
        type=_positive,
        default=0,
        metavar="N",
        help="train N steps first (default 0: the initial weights)",
    )
    worked.add_argument(
        "--out", required=True, metavar="FILE", help="FILE.md, FILE.html, FILE.pdf or FILE.json"
    )
    _language_option(worked)

    export = commands.add_parser(
        "export", help="train headless and write every panel and the dashboard as figures"
    )
    group = export.add_mutually_exclusive_group(required=True)
    group.add_argument("--preset", metavar="NAME")
    group.add_argument("--config", metavar="FILE")
    export.add_argument("--steps", type=_positive, required=True, metavar="N")
    export.add_argument("--out", required=True, metavar="DIR", help="folder for the figures")
    export.add_argument(
        "--panels", default="all", metavar="all|NAME,...", help="panels to write (default all)"
    )
    export.add_argument(
        "--format", default="png", metavar="png,svg,pdf,gif", help="formats (default png)"
    )
    export.add_argument("--size", default="1920x1080", metavar="WxH", help="pixels")
    export.add_argument("--theme", default="slide", metavar="slide|screen")
    export.add_argument("--caption", action="store_true", help="add the experiment's settings")
    export.add_argument("--toml", action="store_true", help="write the experiment beside each")
    _language_option(export)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "presets":
            from engine.presets import list_lessons

            if hasattr(sys.stdout, "reconfigure"):  # a legacy code page shows ? for Hangul
                sys.stdout.reconfigure(errors="replace")
            lang = getattr(args, "lang", None) or "en"
            for lesson in list_lessons():
                print(f"{lesson.name:24} {lesson.title_in(lang)}")
            return 0
        if args.command == "train":
            from engine.headless import run_train

            return run_train(_experiment(args), args.steps, args.json)
        if args.command == "export":
            from gui.export_cli import run_export

            _use_language(args.lang)
            return run_export(
                _experiment(args),
                args.steps,
                args.out,
                args.panels,
                args.format,
                args.size,
                args.theme,
                args.caption,
                args.toml,
            )
        from engine.presets import Lesson

        if args.command == "worked-example":
            from engine.trainer import Trainer
            from gui.handout import write_handout

            _use_language(args.lang)
            experiment = _experiment(args)
            trainer = Trainer(experiment.config if isinstance(experiment, Lesson) else experiment)
            trainer.run(args.steps)
            print(write_handout(trainer, args.sample, args.out))
            return 0
        from gui.app import run_app

        experiment = _experiment(args)
        config = experiment.config if isinstance(experiment, Lesson) else experiment
        return run_app(
            config,
            steps=args.steps,
            screenshot=args.screenshot,
            quit_after=args.quit,
            lesson=experiment if isinstance(experiment, Lesson) else None,
            lang=args.lang,
        )
    except NnlensError as exc:
        print(f"nnlens: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nnlens: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
