"""`omsdesk orders import` and `omsdesk products import`: a CSV file previewed (--dry-run) or imported, with every refused row."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.models import ValidationError
from omsdesk.models.money import format_minor
from omsdesk.services.catalog_import import ProductImportPreview, import_products, preview_products
from omsdesk.services.csv_input import Problem
from omsdesk.services.intake.csv_import import OrderImportPreview, import_orders, preview_orders


def register_orders(osub: argparse._SubParsersAction) -> None:
    ip = osub.add_parser("import", help="create orders from a CSV file, one row per order line (docs/cli.md)")
    ip.add_argument("file", metavar="FILE.csv")
    ip.add_argument("--dry-run", action="store_true", help="show what would be created and refused; write nothing")
    add_json_flag(ip)
    ip.set_defaults(func=_orders)


def register_products(psub: argparse._SubParsersAction) -> None:
    ip = psub.add_parser("import", help="create and update products from a CSV file (docs/cli.md)")
    ip.add_argument("file", metavar="FILE.csv")
    ip.add_argument("--dry-run", action="store_true", help="show what would be created, updated and refused")
    ip.add_argument("--accept-valid", action="store_true",
                    help="import the valid rows even when others are refused (default: all or nothing)")
    add_json_flag(ip)
    ip.set_defaults(func=_products)


def _file_refused(name: str, problems: tuple[Problem, ...]) -> None:
    if problems:
        # An unreadable file's reason names it already.
        raise ValidationError("; ".join(p.reason if p.line is None else f"{name}: {p.reason}" for p in problems))


def _problem(p: Problem) -> dict[str, Any]:
    return {"line": p.line, "code": p.code, "reason": p.reason}


def _orders(ctx: CliContext) -> int:
    a = ctx.args
    path = Path(a.file)
    preview = preview_orders(ctx.db, path)
    _file_refused(a.file, preview.problems)
    created: dict[str, tuple[str, str]] = {}
    skipped: tuple[str, ...] = ()
    if not a.dry_run:
        result = import_orders(ctx.db, preview, actor=ctx.actor)
        created = {k: (c.reference, c.status) for k, c in zip(result.created_keys, result.created, strict=True)}
        skipped = result.already_imported
    if a.json:
        print_json(_orders_json(a.file, preview, created, skipped, a.dry_run))
    else:
        _print_orders(preview, created, skipped, a.dry_run)
    if preview.rejected:
        orders = sum(1 for r in preview.rejected if r.key)
        print(f"omsdesk: {orders} order(s) refused ({preview.rejected_rows} rows), see the list above",
              file=sys.stderr)
        return 1
    return 0


def _orders_json(name: str, preview: OrderImportPreview, created: dict[str, tuple[str, str]],
                 skipped: tuple[str, ...], dry_run: bool) -> dict[str, Any]:
    return {
        "file": name, "dry_run": dry_run, "rows": preview.rows,
        "orders": [{"order": p.key, "lines": list(p.lines), "customer": p.customer, "units": p.units,
                    "total": p.total, "currency": p.currency,
                    "reference": created.get(p.key, (None, None))[0],
                    "status": created.get(p.key, (None, None))[1]} for p in preview.orders],
        "rejected": [{"order": r.key, "lines": list(r.lines), "problems": [_problem(p) for p in r.problems]}
                     for r in preview.rejected],
        "created": len(created), "already_imported": list(skipped),
    }


def _print_orders(preview: OrderImportPreview, created: dict[str, tuple[str, str]], skipped: tuple[str, ...],
                  dry_run: bool) -> None:
    for p in preview.orders:
        if p.key in skipped:
            what = "already imported"
        else:
            what = "would create" if dry_run else f"created {created[p.key][0]}"
        lines = f"line {p.lines[0]}" if len(p.lines) == 1 else f"lines {p.lines[0]}-{p.lines[-1]}"
        print(f"{p.key:<14} {lines:<12} {p.units:>4} units {format_minor(p.total, p.currency):>14}  "
              f"{p.customer or '-'}  ({what})")
    for r in preview.rejected:
        for prob in r.problems:
            print(f"refused: line {prob.line} order {r.key or '-'}: {prob.reason}")
    verb = "to create" if dry_run else "created"
    print(f"{len(preview.orders) - len(skipped) if dry_run else len(created)} orders {verb}, "
          f"{sum(1 for r in preview.rejected if r.key)} refused ({preview.rejected_rows} rows)"
          + (f", {len(skipped)} already imported" if skipped else ""))


def _products(ctx: CliContext) -> int:
    a = ctx.args
    preview = preview_products(ctx.db, Path(a.file))
    _file_refused(a.file, preview.problems)
    imported = False
    if not a.dry_run and (preview.clean or a.accept_valid):
        result = import_products(ctx.db, Path(a.file), actor=ctx.actor, accept_valid=a.accept_valid)
        preview, imported = result.preview, result.imported
    if a.json:
        print_json(_products_json(a.file, preview, imported, a.dry_run))
    else:
        _print_products(preview, imported, a.dry_run)
    if preview.rejected:
        tail = ("the others were imported" if imported else
                "nothing imported (--accept-valid imports the others)" if not a.dry_run else "see the list above")
        print(f"omsdesk: {len(preview.rejected)} row(s) refused, {tail}", file=sys.stderr)
        return 1
    return 0


def _products_json(name: str, preview: ProductImportPreview, imported: bool, dry_run: bool) -> dict[str, Any]:
    return {
        "file": name, "dry_run": dry_run, "imported": imported,
        "rows": [{"line": r.line, "sku": r.sku, "action": r.action, "name": r.name, "price": r.price,
                  "currency": r.currency, "changes": list(r.changes)} for r in preview.rows],
        "rejected": [{"sku": r.sku} | _problem(r.problem) for r in preview.rejected],
        "created": preview.count("create"), "updated": preview.count("update"),
        "unchanged": preview.count("unchanged"),
    }


def _print_products(preview: ProductImportPreview, imported: bool, dry_run: bool) -> None:
    for r in preview.rows:
        detail = "; ".join(r.changes) if r.changes else f"{r.name}, {format_minor(r.price, r.currency)}"
        print(f"line {r.line:<5} {r.sku:<16} {r.action:<9} {detail}")
    for bad in preview.rejected:
        print(f"refused: line {bad.line} {bad.sku or '-'}: {bad.problem.reason}")
    counts = f"{preview.count('create')} created, {preview.count('update')} updated, " \
             f"{preview.count('unchanged')} unchanged, {len(preview.rejected)} refused"
    if dry_run:
        print(f"would be: {counts}")
    elif imported:
        print(f"{preview.to_write} products imported: {counts}")
    else:
        print(f"nothing imported: {counts}")
