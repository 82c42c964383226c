"""Domain model: SQLAlchemy mapped classes and their invariants; imports nothing else of omsdesk."""

from omsdesk.models import aeat as aeat  # registers the AEAT submission tables (issue 15)
from omsdesk.models import (
    autoinvoice as autoinvoice,  # registers invoicing policies and runs (issue 15)
)
from omsdesk.models import (
    carrier as carrier,  # registers carrier accounts and tracking events (issue 16)
)
from omsdesk.models import channel_sku as channel_sku  # registers the SKU mapping table (issue 6)
from omsdesk.models import claims as claims  # registers pick claims and the sync leader (issue 17)
from omsdesk.models import (
    counter_offline as counter_offline,  # registers offline counter replays (issue 17)
)
from omsdesk.models import erp as erp  # registers the ERP link table (issue 7)
from omsdesk.models import inbox as inbox  # registers dismissed exceptions (issue 16)
from omsdesk.models import invoice as invoice  # registers the invoicing tables (issue 5)
from omsdesk.models import payables as payables  # registers supplier invoices (issue 15)
from omsdesk.models import planning as planning  # registers the planning tables (issue 8)
from omsdesk.models import returns as returns  # registers returns (RMA) and their lines
from omsdesk.models import saved_batch as saved_batch  # registers saved batch runs (issue 13)
from omsdesk.models import (
    sync_state as sync_state,  # registers sync runs, health, quarantine (issue 6)
)
from omsdesk.models import users as users  # registers users and the sign-in policy (issue 18)
from omsdesk.models import webhooks as webhooks  # registers webhooks and their log (issue 14)
from omsdesk.models.audit import AuditEntry
from omsdesk.models.base import Base, UTCDateTime, utcnow
from omsdesk.models.catalog import Product, Warehouse
from omsdesk.models.channel import CHANNEL_KINDS, Channel
from omsdesk.models.counter import Counter
from omsdesk.models.errors import (
    ConflictError,
    IllegalTransition,
    InsufficientStock,
    NotFound,
    OmsError,
    ValidationError,
)
from omsdesk.models.order import (
    OPEN_PARCEL,
    SHIPPED_PARCEL,
    Order,
    OrderLine,
    ParcelStatus,
    Payment,
    Refund,
    Shipment,
    ShipmentLine,
)
from omsdesk.models.outbox import OutboxMessage
from omsdesk.models.party import Address, Customer
from omsdesk.models.stock import MoveKind, Reservation, StockLevel, StockMove
from omsdesk.models.workflow import OrderStatus, allowed_actions, check_transition

__all__ = [
    "CHANNEL_KINDS", "Address", "AuditEntry", "Base", "Channel", "ConflictError", "Counter",
    "Customer", "IllegalTransition", "InsufficientStock", "MoveKind", "NotFound", "OmsError",
    "Order", "OrderLine", "OrderStatus", "OutboxMessage", "Payment", "Product", "Refund", "Reservation",
    "OPEN_PARCEL", "ParcelStatus", "SHIPPED_PARCEL", "Shipment", "ShipmentLine", "StockLevel", "StockMove", "UTCDateTime", "ValidationError",
    "Warehouse", "allowed_actions", "check_transition", "utcnow",
]
