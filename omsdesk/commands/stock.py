"""`omsdesk stock ...`: levels per product and warehouse, receipts and adjustments."""

from __future__ import annotations

import argparse

from omsdesk.commands.common import CliContext, add_json_flag, print_json
from omsdesk.queries.stock import StockRow, stock_for_sku, stock_rows
from omsdesk.services.goods_in.receiving import receive_stock
from omsdesk.services.ledger.stock import adjust_stock


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stock", help="stock levels, receipts and adjustments")
    ssub = p.add_subparsers(dest="stock_command", metavar="ACTION", required=True)

    lp = ssub.add_parser("list", help="on hand, reserved and available per product and warehouse")
    lp.add_argument("--low", action="store_true", help="only levels at or below their reorder point")
    lp.add_argument("--sku", metavar="PREFIX", help="only SKUs starting with PREFIX")
    add_json_flag(lp)
    lp.set_defaults(func=_list)

    sp = ssub.add_parser("show", help="one product in every warehouse")
    sp.add_argument("sku")
    add_json_flag(sp)
    sp.set_defaults(func=_show)

    rp = ssub.add_parser("receive", help="book goods in")
    rp.add_argument("sku")
    rp.add_argument("qty", type=int)
    rp.add_argument("--warehouse", required=True, metavar="CODE")
    rp.add_argument("--reason", default="receipt")
    add_json_flag(rp)
    rp.set_defaults(func=_receive)

    ap = ssub.add_parser("adjust", help="correct on hand (+/-) with a reason")
    ap.add_argument("sku")
    ap.add_argument("delta", type=int, help="e.g. -2 or +5")
    ap.add_argument("--warehouse", required=True, metavar="CODE")
    ap.add_argument("--reason", required=True)
    add_json_flag(ap)
    ap.set_defaults(func=_adjust)

    # Transfers, low-stock alerts and available to sell (issue 8) live in commands/planning.py.
    from omsdesk.commands.planning import register_stock_actions

    register_stock_actions(ssub)


def _row_json(r: StockRow) -> dict[str, object]:
    return {"sku": r.sku, "name": r.name, "warehouse": r.warehouse, "on_hand": r.on_hand,
            "reserved": r.reserved, "safety_buffer": r.safety_buffer, "available": r.available,
            "reorder_point": r.reorder_point, "bin": r.bin, "low": r.low, "damaged": r.damaged}


def _print_rows(rows: list[StockRow]) -> None:
    print(f"{'SKU':<16} {'WH':<5} {'ON HAND':>8} {'RESERVED':>9} {'AVAILABLE':>10} {'DAMAGED':>8}  NAME")
    for r in rows:
        flag = "  LOW" if r.low else ""
        print(f"{r.sku:<16} {r.warehouse:<5} {r.on_hand:>8} {r.reserved:>9} {r.available:>10} {r.damaged:>8}"
              f"  {r.name}{flag}")


def _list(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        rows = stock_rows(s, low_only=ctx.args.low, sku_prefix=ctx.args.sku)
    if ctx.args.json:
        print_json([_row_json(r) for r in rows])
    else:
        _print_rows(rows)
    return 0


def _show(ctx: CliContext) -> int:
    with ctx.db.read() as s:
        rows = stock_for_sku(s, ctx.args.sku)
    if ctx.args.json:
        print_json({
            "sku": ctx.args.sku, "name": rows[0].name if rows else "",
            "on_hand": sum(r.on_hand for r in rows), "reserved": sum(r.reserved for r in rows),
            "available": sum(r.available for r in rows), "warehouses": [_row_json(r) for r in rows],
        })
    else:
        _print_rows(rows)
    return 0


def _receive(ctx: CliContext) -> int:
    a = ctx.args
    res = receive_stock(ctx.db, a.sku, a.qty, a.warehouse, actor=ctx.actor, reason=a.reason,
                        serve_backorders=True)
    if a.json:
        print_json(res)
    else:
        print(f"{res.sku} @ {res.warehouse}: on hand {res.on_hand}, reserved {res.reserved}, available {res.available}")
    return 0


def _adjust(ctx: CliContext) -> int:
    a = ctx.args
    res = adjust_stock(ctx.db, a.sku, a.delta, a.warehouse, reason=a.reason, actor=ctx.actor)
    if a.json:
        print_json(res)
    else:
        print(f"{res.sku} @ {res.warehouse}: on hand {res.on_hand}, reserved {res.reserved}, available {res.available}")
    return 0
