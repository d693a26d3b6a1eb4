"""`okrkit serve DIR`: the engagement's client apps in Voila (see okrkit.serve for what is locked down)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option
from okrkit.errors import InputError
from okrkit.serve import TOKEN_ENV, TOKEN_FILE, ServeOptions  # okrkit.serve imports Voila only when it serves

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "serve the engagement's client apps (check-in, retrospective, dashboard) in the browser"
    sub = subparsers.add_parser("serve", help=help_, description=help_ + ", with Voila.")
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path, nargs="?", help="the engagement folder (from `okrkit new`)")
    sub.add_argument("--demo", action="store_true",
                     help="write the demo engagement into DIR first if DIR is empty (default DIR: okrkit-demo)")
    sub.add_argument("--port", type=int, default=8866, help="default 8866")
    sub.add_argument("--ip", default="localhost",
                     help="the address to listen on (default localhost; 0.0.0.0 to serve the client's network)")
    group = sub.add_mutually_exclusive_group()
    group.add_argument("--token", help=f"the access token (default: ${TOKEN_ENV}, else the engagement's own, "
                       f"kept in DIR/{TOKEN_FILE})")
    group.add_argument("--no-token", action="store_true", help="no token: only for this machine (localhost)")
    sub.add_argument("--rotate-token", action="store_true",
                     help="replace the engagement's stored token with a new one (links sent before stop working)")
    sub.add_argument("--verbose", action="store_true",
                     help="log Voila's routine lines too (kernels started and shut down, pools filled)")
    sub.add_argument("--pool-size", type=int, default=ServeOptions.pool_size, metavar="N",
                     help=f"preheated kernels kept ready per app (default {ServeOptions.pool_size}; 0: start one "
                          "per visit)")
    sub.add_argument("--fork-kernels", action=argparse.BooleanOptionalAction, default=ServeOptions.fork_kernels,
                     help="fork each app kernel from a warm process (the default; --no-fork-kernels starts "
                          "each as a new Python)")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    from okrkit import serve

    if args.dir is None and not args.demo:
        raise InputError("name the engagement folder: okrkit serve DIR (or okrkit serve --demo)", field="dir")
    folder = args.dir or Path("okrkit-demo")
    token = None if args.no_token else args.token or (None if args.rotate_token else os.environ.get(TOKEN_ENV))
    if args.rotate_token and (args.token or args.no_token):
        raise InputError("--rotate-token makes a new stored token: drop --token / --no-token", field="rotate_token")
    options = serve.ServeOptions(folder=folder, port=args.port, ip=args.ip, token=token, pool_size=args.pool_size,
                                 db_url=args.db, stored_token=not args.no_token and token is None,
                                 rotate_token=args.rotate_token, fork_kernels=args.fork_kernels)
    return serve.serve(options, demo=args.demo, verbose=args.verbose)
