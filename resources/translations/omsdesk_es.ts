<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <source>action</source>
        <comment>Record payment</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Allocate</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Start picking</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Pack</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Ship</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Mark delivered</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Hold</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Release hold</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Cancel order</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>action</source>
        <comment>Record return</comment>
        <translation type="vanished">acción</translation>
    </message>
    <message>
        <source>status</source>
        <comment>New</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Paid</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Allocated</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Picking</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Packed</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Shipped</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Delivered</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>On hold</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Cancelled</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Partly shipped</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Backorder</comment>
        <translation type="vanished">estado</translation>
    </message>
    <message>
        <source>status</source>
        <comment>Returned</comment>
        <translation type="vanished">estado</translation>
    </message>
</context>
<context>
    <name>AddressForm</name>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="17"/>
        <source>Defaults to the customer&apos;s name</source>
        <translation>Si se deja vacío, el nombre del cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="20"/>
        <source>Street and number</source>
        <translation>Calle y número</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="22"/>
        <source>Floor, door (optional)</source>
        <translation>Piso, puerta (opcional)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="40"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="41"/>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="42"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="44"/>
        <source>Postcode, city</source>
        <translation>Código postal, localidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="45"/>
        <source>Province, country</source>
        <translation>Provincia, país</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/address_form.py" line="46"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
</context>
<context>
    <name>AnalyticsTab</name>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="52"/>
        <location filename="../../omsdesk/ui/planning_charts.py" line="132"/>
        <source>Stock value</source>
        <translation>Valor del stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="52"/>
        <source>Turnover (90 days)</source>
        <translation>Rotación (90 días)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="53"/>
        <source>Stock-outs (30 days)</source>
        <translation>Roturas de stock (30 días)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="53"/>
        <source>Top sellers (30 days)</source>
        <translation>Más vendidos (30 días)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="57"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="63"/>
        <source>Stock value per warehouse</source>
        <translation>Valor del stock por almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="96"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="123"/>
        <source>Nothing to show yet: receive stock and sell, and the figures appear here</source>
        <translation>Todavía no hay datos: reciba stock y venda, y las cifras aparecerán aquí</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="126"/>
        <source>{n} row(s)</source>
        <translation>{n} fila(s)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="131"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="131"/>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="131"/>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="132"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="132"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="133"/>
        <source>Sold</source>
        <translation>Vendido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="133"/>
        <source>On hand</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="133"/>
        <source>Average on hand</source>
        <translation>Existencias medias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="134"/>
        <source>Turnover</source>
        <translation>Rotación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="134"/>
        <source>Days of stock</source>
        <translation>Días de stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="135"/>
        <source>Times out of stock</source>
        <translation>Veces sin stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="135"/>
        <source>Days out of stock</source>
        <translation>Días sin stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="136"/>
        <source>Out now</source>
        <translation>Agotado ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="136"/>
        <source>Rank</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="147"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="147"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="157"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="161"/>
        <source>{n} row(s) written</source>
        <translation>{n} fila(s) escritas</translation>
    </message>
</context>
<context>
    <name>AutoInvoicingDialog</name>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="113"/>
        <source>Automatic invoicing</source>
        <translation>Facturación automática</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="115"/>
        <source>Loading the last run…</source>
        <translation>Cargando la última ejecución…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="117"/>
        <source>Dry run (issue nothing)</source>
        <translation>Simulación (no emite nada)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="118"/>
        <source>Run now</source>
        <translation>Ejecutar ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="120"/>
        <source>Cancel run</source>
        <translation>Cancelar ejecución</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="123"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="124"/>
        <source>Policies per channel…</source>
        <translation>Políticas por canal…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="135"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="135"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="135"/>
        <source>Policy</source>
        <translation>Política</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="135"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="136"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="136"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="136"/>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="202"/>
        <source>Looking for orders to invoice…</source>
        <translation>Buscando pedidos que facturar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="208"/>
        <source>Cancelling after the invoice in progress…</source>
        <translation>Cancelando tras la factura en curso…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="213"/>
        <source>{done} of {total}: {item}</source>
        <translation>{done} de {total}: {item}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="226"/>
        <source>Automatic invoicing failed: {error}</source>
        <translation>La facturación automática ha fallado: {error}</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="141"/>
        <source>Backup written: {path}</source>
        <translation>Copia de seguridad guardada: {path}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="142"/>
        <location filename="../../omsdesk/ui/backup_view.py" line="149"/>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="142"/>
        <source>Backup written to
{path}

{rows} rows, {size:.1f} MB, in {seconds:.1f} s.</source>
        <translation>Copia guardada en
{path}

{rows} filas, {size:.1f} MB, en {seconds:.1f} s.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="149"/>
        <source>No backup was made: {reason}</source>
        <translation>No se ha hecho la copia: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="156"/>
        <source>Backing up the database</source>
        <translation>Haciendo copia de la base de datos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="157"/>
        <source>Restoring the database</source>
        <translation>Restaurando la base de datos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="163"/>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="165"/>
        <source>omsdesk backups (*.zip)</source>
        <translation>Copias de omsdesk (*.zip)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="173"/>
        <location filename="../../omsdesk/ui/backup_view.py" line="177"/>
        <location filename="../../omsdesk/ui/backup_view.py" line="212"/>
        <location filename="../../omsdesk/ui/backup_view.py" line="217"/>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="178"/>
        <source>Replace the current database with the backup of {when}?</source>
        <translation>¿Sustituir la base de datos actual por la copia del {when}?</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="181"/>
        <source>{rows} rows, schema {schema}. The current database is kept aside, not deleted. Other workstations are disconnected while it is swapped.</source>
        <translation>{rows} filas, esquema {schema}. La base de datos actual se guarda aparte, no se borra. Los demás puestos se desconectan mientras se sustituye.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="208"/>
        <source>Restored: {rows} rows, schema {schema}. Stock ledger and invoice chain verified.</source>
        <translation>Restaurada: {rows} filas, esquema {schema}. Libro de existencias y cadena de facturas verificados.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="211"/>
        <source>The previous database is kept as {name}.</source>
        <translation>La base de datos anterior se guarda como {name}.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="217"/>
        <source>Nothing was restored, the database is as it was: {reason}</source>
        <translation>No se ha restaurado nada; la base de datos sigue como estaba: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="314"/>
        <source>Daily backup written: {path}</source>
        <translation>Copia diaria guardada: {path}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="317"/>
        <source>Daily backup failed: {reason}</source>
        <translation>La copia diaria ha fallado: {reason}</translation>
    </message>
</context>
<context>
    <name>BackupOperation</name>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="116"/>
        <source>Copying the database…</source>
        <translation>Copiando la base de datos…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="117"/>
        <source>Computing the checksum…</source>
        <translation>Calculando la suma de control…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="118"/>
        <source>Writing the backup file…</source>
        <translation>Escribiendo el archivo de copia…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="119"/>
        <source>Checking the backup…</source>
        <translation>Comprobando la copia…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="120"/>
        <source>Unpacking and checking the checksum…</source>
        <translation>Descomprimiendo y comprobando la suma de control…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="121"/>
        <source>Restoring into a new database…</source>
        <translation>Restaurando en una base de datos nueva…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="122"/>
        <source>Upgrading the schema…</source>
        <translation>Actualizando el esquema…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="123"/>
        <source>Checking the stock ledger and the invoice chain…</source>
        <translation>Comprobando el libro de existencias y la cadena de facturas…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="124"/>
        <location filename="../../omsdesk/ui/backup_view.py" line="125"/>
        <source>Putting the restored database in place…</source>
        <translation>Poniendo en su sitio la base de datos restaurada…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="126"/>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="235"/>
        <source>empty: no daily backups</source>
        <translation>vacío: sin copias diarias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="236"/>
        <source>Browse...</source>
        <translation>Examinar...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="246"/>
        <source> backups</source>
        <translation> copias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="249"/>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="251"/>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="258"/>
        <location filename="../../omsdesk/ui/backup_view.py" line="293"/>
        <source>Daily backups to</source>
        <translation>Copias diarias en</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="259"/>
        <source>Every day at</source>
        <translation>Todos los días a las</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="260"/>
        <source>Keep the newest</source>
        <translation>Conservar las más recientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="267"/>
        <source>A backup is a consistent copy taken while everyone keeps working. Restoring checks the file, upgrades an older one and keeps the current database aside.</source>
        <translation>Una copia de seguridad es una copia coherente hecha mientras todos siguen trabajando. Al restaurar se comprueba el archivo, se actualiza una copia antigua y la base de datos actual se guarda aparte.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="285"/>
        <source>Latest backup: {name}</source>
        <translation>Última copia: {name}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/backup_view.py" line="286"/>
        <source>No backup in that folder yet</source>
        <translation>Aún no hay copias en esa carpeta</translation>
    </message>
</context>
<context>
    <name>BatchProgress</name>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="206"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="227"/>
        <source>{title}: {item}</source>
        <translation>{title}: {item}</translation>
    </message>
</context>
<context>
    <name>BuyerMailSwitches</name>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="203"/>
        <source>E-mail buyers (order confirmed, shipped, delivered, delivery failed)</source>
        <translation>Avisar por correo a los compradores (pedido confirmado, enviado, entregado, entrega fallida)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="208"/>
        <source>Marketplaces and web shops tell their buyers themselves: they are off unless switched on here.</source>
        <translation>Los marketplaces y las tiendas online avisan ellos mismos a sus compradores: están desactivados salvo que se activen aquí.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="240"/>
        <source>Buyers of {channel} are e-mailed</source>
        <translation>Los compradores de {channel} recibirán correos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="240"/>
        <source>Buyers of {channel} are not e-mailed</source>
        <translation>Los compradores de {channel} no recibirán correos</translation>
    </message>
</context>
<context>
    <name>ChannelPanel</name>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="52"/>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="53"/>
        <source>Reach the shop with the saved address and secret: address, certificate, credentials and (Shopify) permissions</source>
        <translation>Conectar con la tienda con la dirección y el secreto guardados: dirección, certificado, credenciales y permisos (Shopify)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="56"/>
        <location filename="../../omsdesk/ui/sync_channels.py" line="115"/>
        <source>Disable</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="58"/>
        <source>Remove…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="59"/>
        <source>Archive the channel: its orders, SKU mappings and history stay</source>
        <translation>Archivar el canal: se conservan sus pedidos, correspondencias de SKU e historial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="61"/>
        <source>Invoicing…</source>
        <translation>Facturación…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="62"/>
        <source>When this channel&apos;s orders are invoiced automatically</source>
        <translation>Cuándo se facturan automáticamente los pedidos de este canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="64"/>
        <source>Preview product push…</source>
        <translation>Previsualizar envío de productos…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="65"/>
        <source>What sending the catalogue&apos;s titles, descriptions, prices, EANs and stock would change on this shop</source>
        <translation>Qué cambiaría en esta tienda enviar los títulos, descripciones, precios, EAN y existencias del catálogo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="70"/>
        <source>Select a channel to see its state and its last error in full</source>
        <translation>Seleccione un canal para ver su estado y su último error completo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="92"/>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="92"/>
        <source>Not synced. Enable it to sync again; its orders are kept.</source>
        <translation>No se sincroniza. Actívelo para volver a sincronizar; sus pedidos se conservan.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="94"/>
        <source>Settings wrong</source>
        <translation>Configuración errónea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="95"/>
        <source>Not retried until its settings change or you press Test connection. A mistyped address: remove the channel and add it again with the right one in Settings → Channels.</source>
        <translation>No se reintenta hasta que cambie su configuración o pulse Probar conexión. Si la dirección está mal escrita, elimine el canal y vuelva a añadirlo con la dirección correcta en Ajustes → Canales.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="98"/>
        <source>Credentials refused</source>
        <translation>Credenciales rechazadas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="99"/>
        <source>Check the key or token of this channel in Settings → Channels.</source>
        <translation>Compruebe la clave o el token de este canal en Ajustes → Canales.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="101"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="101"/>
        <source>The shop cannot be reached now; the sync keeps trying.</source>
        <translation>Ahora no se puede contactar con la tienda; la sincronización sigue intentándolo.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="103"/>
        <source>Failing</source>
        <translation>Con fallos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="103"/>
        <source>The last runs failed; see the error below and the Runs tab.</source>
        <translation>Las últimas ejecuciones han fallado; vea el error abajo y la pestaña Ejecuciones.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="104"/>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="114"/>
        <source>Enable</source>
        <translation>Activar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="121"/>
        <source>State: {state}</source>
        <translation>Estado: {state}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="124"/>
        <source>Last success: {when}</source>
        <translation>Último éxito: {when}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="124"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="126"/>
        <source>Last error:</source>
        <translation>Último error:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="128"/>
        <source>Warnings:</source>
        <translation>Avisos:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="131"/>
        <source>Test connection: OK</source>
        <translation>Prueba de conexión: correcta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="131"/>
        <source>Test connection: failed</source>
        <translation>Prueba de conexión: fallida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="132"/>
        <source>Problem: {text}</source>
        <translation>Problema: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="133"/>
        <source>Note: {text}</source>
        <translation>Nota: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="142"/>
        <source>Automatic invoicing of this channel</source>
        <translation>Facturación automática de este canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="157"/>
        <location filename="../../omsdesk/ui/sync_channels.py" line="224"/>
        <source>Choose a channel first</source>
        <translation>Elija antes un canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="175"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="187"/>
        <source>{channel}: connection OK</source>
        <translation>{channel}: conexión correcta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="188"/>
        <source>{channel}: {n} problem(s), see the details</source>
        <translation>{channel}: {n} problema(s), vea los detalles</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="203"/>
        <source>{channel} enabled: the sync serves it again</source>
        <translation>{channel} activado: la sincronización vuelve a atenderlo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="205"/>
        <source>{channel} disabled: the sync leaves it alone</source>
        <translation>{channel} desactivado: la sincronización no lo toca</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="211"/>
        <source>Remove channel {channel}? Its orders, SKU mappings and sync history stay; it leaves the sync and this list, and its secret is deleted from the keyring.</source>
        <translation>¿Eliminar el canal {channel}? Se conservan sus pedidos, correspondencias de SKU e historial de sincronización; sale de la sincronización y de esta lista, y su secreto se borra del llavero.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="214"/>
        <source>{n} message(s) for it were not delivered yet (shipments, cancellations, stock): they will not be sent.</source>
        <translation>{n} mensaje(s) para este canal aún no se han entregado (envíos, cancelaciones, stock): no se enviarán.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="216"/>
        <source>Remove channel</source>
        <translation>Eliminar canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="236"/>
        <source>{channel} removed; its orders and history are kept</source>
        <translation>{channel} eliminado; se conservan sus pedidos y su historial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="238"/>
        <source>(its secret could not be deleted from the keyring)</source>
        <translation>(no se pudo borrar su secreto del llavero)</translation>
    </message>
</context>
<context>
    <name>ChannelPoliciesDialog</name>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="105"/>
        <source>Automatic invoicing per channel</source>
        <translation>Facturación automática por canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="109"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="109"/>
        <source>Invoicing</source>
        <translation>Facturación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="110"/>
        <source>Simplified for consumers</source>
        <translation>Simplificadas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="119"/>
        <source>Change…</source>
        <translation>Cambiar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="121"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="141"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="141"/>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="38"/>
        <source>Connect to a shared server</source>
        <translation>Conectar a un servidor compartido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="41"/>
        <source>e.g. db.shop.lan</source>
        <translation>p. ej., db.tienda.lan</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="49"/>
        <source>kept in the system keyring</source>
        <translation>se guarda en el llavero del sistema</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="51"/>
        <source>Use TLS if the server offers it</source>
        <translation>Usar TLS si el servidor lo ofrece</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="51"/>
        <source>No TLS</source>
        <translation>Sin TLS</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="52"/>
        <source>Require TLS</source>
        <translation>Exigir TLS</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="53"/>
        <source>Require TLS and check the certificate and host name</source>
        <translation>Exigir TLS y comprobar el certificado y el nombre del servidor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="57"/>
        <source>CA certificate (for checking the server)</source>
        <translation>Certificado de la CA (para comprobar el servidor)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="58"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="65"/>
        <source>&amp;Host:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="66"/>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="67"/>
        <source>&amp;Database:</source>
        <translation>&amp;Base de datos:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="68"/>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="69"/>
        <source>Pass&amp;word:</source>
        <translation>Contra&amp;seña:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="70"/>
        <source>&amp;TLS:</source>
        <translation>&amp;TLS:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="71"/>
        <source>CA &amp;file:</source>
        <translation>&amp;Fichero de la CA:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="78"/>
        <source>Test &amp;connection</source>
        <translation>Probar la &amp;conexión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="111"/>
        <source>CA certificate</source>
        <translation>Certificado de la CA</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="112"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificados (*.pem *.crt *.cer);;Todos los ficheros (*)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="120"/>
        <source>host</source>
        <translation>servidor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="120"/>
        <source>database</source>
        <translation>base de datos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="121"/>
        <source>user</source>
        <translation>usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="123"/>
        <source>Fill in: %1</source>
        <translation>Falta rellenar: %1</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="139"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="147"/>
        <source>Connection works: PostgreSQL %1.</source>
        <translation>La conexión funciona: PostgreSQL %1.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="149"/>
        <source>The database is empty; omsdesk creates its tables on the first start.</source>
        <translation>La base de datos está vacía; omsdesk crea sus tablas al arrancar por primera vez.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="194"/>
        <source>Cannot connect to the database server %1</source>
        <translation>No se puede conectar con el servidor de base de datos %1</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="196"/>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="197"/>
        <source>&amp;Edit connection…</source>
        <translation>&amp;Editar la conexión…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="198"/>
        <source>Use the &amp;local database</source>
        <translation>Usar la base de datos &amp;local</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_dialog.py" line="199"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
</context>
<context>
    <name>ConnectionWatch</name>
    <message>
        <location filename="../../omsdesk/ui/connection_watch.py" line="97"/>
        <source>Server unreachable — reconnecting…</source>
        <translation>Servidor inaccesible — reconectando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_watch.py" line="101"/>
        <source>Server unreachable — retrying in %1 s</source>
        <translation>Servidor inaccesible — se reintenta en %1 s</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/connection_watch.py" line="120"/>
        <source>Connection to the server is back</source>
        <translation>Se ha recuperado la conexión con el servidor</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="227"/>
        <source>Scan or type SKU / EAN and press Enter (3*CODE for three)</source>
        <translation>Escanee o escriba SKU / EAN y pulse Intro (3*CÓDIGO para tres)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="242"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="242"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="242"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="242"/>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="243"/>
        <location filename="../../omsdesk/ui/counter.py" line="460"/>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="243"/>
        <location filename="../../omsdesk/ui/counter.py" line="298"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="261"/>
        <source>F2 cash · F3 card · F4 customer · Shift+F4 walk-in · + / - quantity · F6 set quantity · F7 line discount · F8 sale discount · Del remove line · ↑ ↓ choose line · Esc clear · F9 reprint</source>
        <translation>F2 efectivo · F3 tarjeta · F4 cliente · Mayús+F4 sin cliente · + / - cantidad · F6 fijar cantidad · F7 descuento de línea · F8 descuento de venta · Supr quitar línea · ↑ ↓ elegir línea · Esc vaciar · F9 reimprimir</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="282"/>
        <source>exact amount</source>
        <translation>importe exacto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="294"/>
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="295"/>
        <source>Shop stock:</source>
        <translation>Stock de tienda:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="296"/>
        <source>Items:</source>
        <translation>Artículos:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="300"/>
        <source>Cash given</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="302"/>
        <source>Change due</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="304"/>
        <source>Cash (F2)</source>
        <translation>Efectivo (F2)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="305"/>
        <source>Card (F3)</source>
        <translation>Tarjeta (F3)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="306"/>
        <source>Customer (F4)</source>
        <translation>Cliente (F4)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="307"/>
        <source>Clear (Esc)</source>
        <translation>Vaciar (Esc)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="308"/>
        <source>Full invoice with the customer&apos;s tax id</source>
        <translation>Factura completa con el NIF del cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="311"/>
        <source>Full invoice for a ticket… (F10)</source>
        <translation>Factura completa de un ticket… (F10)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="376"/>
        <source>Quantity must be a whole number, as in 3*CODE</source>
        <translation>La cantidad debe ser un número entero, como en 3*CÓDIGO</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="394"/>
        <source>No product has the code &apos;{code}&apos;</source>
        <translation>Ningún producto tiene el código &apos;{code}&apos;</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="410"/>
        <source>{name}: only {n} left in the shop</source>
        <translation>{name}: solo quedan {n} en la tienda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="413"/>
        <source>{qty} x {name}</source>
        <translation>{qty} x {name}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="450"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="461"/>
        <source>Discount on {name}: an amount (2,50) or a percentage (10%)</source>
        <translation>Descuento en {name}: un importe (2,50) o un porcentaje (10%)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="478"/>
        <source>Not a discount: {text}</source>
        <translation>No es un descuento válido: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="481"/>
        <source>The discount is larger than the line</source>
        <translation>El descuento supera el importe de la línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="489"/>
        <source>Discount on the whole sale</source>
        <translation>Descuento en toda la venta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="490"/>
        <source>Percentage off every line (e.g. 10%)</source>
        <translation>Porcentaje de descuento en cada línea (p. ej. 10%)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="508"/>
        <source>Removed {name}</source>
        <translation>Quitado: {name}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="515"/>
        <source>Ready for the next customer</source>
        <translation>Listo para el siguiente cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="174"/>
        <location filename="../../omsdesk/ui/counter.py" line="562"/>
        <source>Walk-in customer</source>
        <translation>Cliente de mostrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="171"/>
        <source>Pay cash</source>
        <translation>Cobrar en efectivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="172"/>
        <source>Pay by card</source>
        <translation>Cobrar con tarjeta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="173"/>
        <source>Choose customer</source>
        <translation>Elegir cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="175"/>
        <source>Clear the sale</source>
        <translation>Vaciar la venta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="176"/>
        <location filename="../../omsdesk/ui/counter.py" line="177"/>
        <source>One more of the line</source>
        <translation>Una unidad más de la línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="178"/>
        <source>One less of the line</source>
        <translation>Una unidad menos de la línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="179"/>
        <source>Quantity of the line</source>
        <translation>Cantidad de la línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="180"/>
        <source>Discount on the line</source>
        <translation>Descuento en la línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="181"/>
        <source>Discount on the sale</source>
        <translation>Descuento en la venta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="182"/>
        <source>Reprint the last receipt</source>
        <translation>Reimprimir el último ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="183"/>
        <source>Full invoice for a ticket (F3)</source>
        <translation>Factura completa de un ticket (canje F3)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="184"/>
        <source>Back to the scan field</source>
        <translation>Volver al campo de escaneo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="566"/>
        <source>no warehouse set up</source>
        <translation>ningún almacén configurado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="585"/>
        <source>not an amount</source>
        <translation>no es un importe</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="588"/>
        <source>{amount} short</source>
        <translation>faltan {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="598"/>
        <source>Cash given is not an amount: {text}</source>
        <translation>El importe entregado no es válido: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="601"/>
        <source>Cash given is {short} short of the total</source>
        <translation>Faltan {short} para cubrir el total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="613"/>
        <source>No shop warehouse is set up for this counter</source>
        <translation>Este mostrador no tiene almacén de tienda configurado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="644"/>
        <source>Recording the sale...</source>
        <translation>Registrando la venta...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="665"/>
        <source>Sale {ref}: {total}</source>
        <translation>Venta {ref}: {total}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="669"/>
        <source>CHANGE {change}</source>
        <translation>CAMBIO {change}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="673"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="692"/>
        <source>Server unreachable — selling offline ({n} sales waiting)</source>
        <translation>Servidor inaccesible: vendiendo sin conexión (ventas pendientes: {n})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="696"/>
        <source>{n} offline sales wait to be sent</source>
        <translation>Ventas sin conexión pendientes de enviar: {n}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="702"/>
        <source>{n} offline sales sent</source>
        <translation>Ventas sin conexión enviadas: {n}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="719"/>
        <source>No full invoice: {reason}</source>
        <translation>Sin factura completa: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="723"/>
        <source>Full invoice {number} issued; the ticket is replaced</source>
        <translation>Factura completa {number} emitida; sustituye al ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="740"/>
        <source>Copy: {what}</source>
        <translation>Copia: {what}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="684"/>
        <source>Sale not recorded: {reason}</source>
        <translation>Venta no registrada: {reason}</translation>
    </message>
</context>
<context>
    <name>CreditDialog</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="212"/>
        <source>Credit note for {number}</source>
        <translation>Factura rectificativa de {number}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="221"/>
        <source>e.g. goods returned, price agreed after delivery</source>
        <translation>p. ej. devolución de mercancía, precio acordado tras la entrega</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="223"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="223"/>
        <source>Invoiced</source>
        <translation>Facturado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="223"/>
        <source>Credit</source>
        <translation>Abonar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="236"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="237"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="243"/>
        <source>Quantities to credit (all by default):</source>
        <translation>Cantidades a abonar (todas por defecto):</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="52"/>
        <source>Choose a CSV file</source>
        <translation>Elija un archivo CSV</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="53"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="74"/>
        <source>Import orders from CSV</source>
        <translation>Importar pedidos desde CSV</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="75"/>
        <source>Import products from CSV</source>
        <translation>Importar productos desde CSV</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="76"/>
        <source>File: {path}</source>
        <translation>Archivo: {path}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="78"/>
        <source>Reading the file…</source>
        <translation>Leyendo el archivo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="85"/>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="132"/>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="85"/>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="130"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="85"/>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="132"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="86"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="86"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="87"/>
        <source>To import</source>
        <translation>Para importar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="88"/>
        <source>Refused</source>
        <translation>Rechazadas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="89"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="93"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="130"/>
        <source>Lines in file</source>
        <translation>Líneas del archivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="130"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="130"/>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="131"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="132"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="132"/>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="245"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="132"/>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="245"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="133"/>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="138"/>
        <source>File not readable</source>
        <translation>Archivo ilegible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="138"/>
        <source>Unknown SKU</source>
        <translation>SKU desconocido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="139"/>
        <source>SKU no longer sold</source>
        <translation>SKU que ya no se vende</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="139"/>
        <source>Bad quantity</source>
        <translation>Cantidad no válida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="140"/>
        <source>Bad price</source>
        <translation>Precio no válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="140"/>
        <source>Missing value</source>
        <translation>Falta un dato</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="141"/>
        <source>Malformed row</source>
        <translation>Fila mal formada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="141"/>
        <source>Bad email</source>
        <translation>Correo no válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="142"/>
        <source>Bad tax id</source>
        <translation>NIF o número de IVA no válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="142"/>
        <source>Bad address or postcode</source>
        <translation>Dirección o código postal no válidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="143"/>
        <source>Unknown country</source>
        <translation>País desconocido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="143"/>
        <source>Bad date</source>
        <translation>Fecha no válida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="144"/>
        <source>Bad currency</source>
        <translation>Moneda no válida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="144"/>
        <source>Duplicate</source>
        <translation>Duplicado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="145"/>
        <source>Rows disagree</source>
        <translation>Filas contradictorias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="145"/>
        <source>Bad EAN</source>
        <translation>EAN no válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="146"/>
        <source>Bad tax rate</source>
        <translation>Tipo de IVA no válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="146"/>
        <source>Bad weight</source>
        <translation>Peso no válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="147"/>
        <source>Bad SKU</source>
        <translation>SKU no válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="149"/>
        <source>Invalid</source>
        <translation>No válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="173"/>
        <source>The import failed: {error}</source>
        <translation>La importación ha fallado: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="175"/>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="315"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="187"/>
        <source>{n} orders will be created ({lines} rows, {total}).</source>
        <translation>Se crearán {n} pedidos ({lines} filas, {total}).</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="191"/>
        <source>{n} orders refused ({rows} rows): they will not be imported.</source>
        <translation>{n} pedidos rechazados ({rows} filas): no se importarán.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="193"/>
        <source>Import {n} orders</source>
        <translation>Importar {n} pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="197"/>
        <source>{created} products will be created, {updated} updated, {unchanged} unchanged.</source>
        <translation>Se crearán {created} productos, se actualizarán {updated} y {unchanged} quedan sin cambios.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="201"/>
        <source>{n} rows refused: they will not be imported.</source>
        <translation>{n} filas rechazadas: no se importarán.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="203"/>
        <source>Import {n} products</source>
        <translation>Importar {n} productos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="205"/>
        <source>Nothing can be imported from this file.</source>
        <translation>No se puede importar nada de este archivo.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="207"/>
        <source>To import ({n})</source>
        <translation>Para importar ({n})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="208"/>
        <source>Refused ({n})</source>
        <translation>Rechazadas ({n})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="224"/>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="224"/>
        <source>Update</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="224"/>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="245"/>
        <source>EAN</source>
        <translation>EAN</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="246"/>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="246"/>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="283"/>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="301"/>
        <source>{n} orders created.</source>
        <translation>{n} pedidos creados.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="303"/>
        <source>References {first} to {last}.</source>
        <translation>Referencias {first} a {last}.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="306"/>
        <source>{n} were imported meanwhile by someone else.</source>
        <translation>{n} los importó otra persona mientras tanto.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/csv_import_dialog.py" line="310"/>
        <source>{created} products created, {updated} updated.</source>
        <translation>{created} productos creados, {updated} actualizados.</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="109"/>
        <source>Choose customer</source>
        <translation>Elegir cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="113"/>
        <source>Name, email, phone or tax id</source>
        <translation>Nombre, correo, teléfono o NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="117"/>
        <source>New customer…</source>
        <translation>Cliente nuevo…</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="42"/>
        <source>New customer</source>
        <translation>Cliente nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="42"/>
        <source>Edit customer</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="52"/>
        <source>NIF, NIE, CIF or EU VAT number</source>
        <translation>NIF, NIE, CIF o NIF-IVA de la UE</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="57"/>
        <source>NIF or EU VAT number</source>
        <translation>NIF o NIF-IVA de la UE</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="57"/>
        <source>Passport</source>
        <translation>Pasaporte</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="58"/>
        <source>Official id of the country of residence</source>
        <translation>Documento oficial del país de residencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="59"/>
        <source>Certificate of residence</source>
        <translation>Certificado de residencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="59"/>
        <source>Other document</source>
        <translation>Otro documento probatorio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="64"/>
        <source>Issuing country, e.g. US</source>
        <translation>País que lo expide, p. ej. US</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="71"/>
        <source>Payment terms…</source>
        <translation>Condiciones de pago…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="78"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="79"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="80"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="81"/>
        <source>Tax id</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="82"/>
        <source>Id type</source>
        <translation>Tipo de documento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="83"/>
        <source>Id country</source>
        <translation>País del documento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="84"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="85"/>
        <source>Terms</source>
        <translation>Condiciones</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="86"/>
        <source>Automatic invoicing…</source>
        <translation>Facturación automática…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="90"/>
        <source>Invoicing</source>
        <translation>Facturación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="91"/>
        <source>Billing address</source>
        <translation>Dirección de facturación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="92"/>
        <source>Shipping address</source>
        <translation>Dirección de envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="121"/>
        <source>This customer no longer exists.</source>
        <translation>Este cliente ya no existe.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="140"/>
        <source>no credit limit</source>
        <translation>sin límite de crédito</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="141"/>
        <source>limit {amount}</source>
        <translation>límite {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="146"/>
        <source>new customer</source>
        <translation>cliente nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="158"/>
        <source>Automatic invoicing of this customer</source>
        <translation>Facturación automática de este cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="187"/>
        <source>Customer {name} saved</source>
        <translation>Cliente {name} guardado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="193"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="37"/>
        <source>Name, email, phone or tax id</source>
        <translation>Nombre, correo, teléfono o NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="42"/>
        <location filename="../../omsdesk/ui/customer_picker.py" line="114"/>
        <source>No customer chosen</source>
        <translation>Ningún cliente elegido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="61"/>
        <source>NIF, NIE, CIF or EU VAT number (optional)</source>
        <translation>NIF, NIE, CIF o NIF-IVA de la UE (opcional)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="62"/>
        <source>Shipping address</source>
        <translation>Dirección de envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="64"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="65"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="66"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="67"/>
        <source>Tax id</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="71"/>
        <source>Existing customer</source>
        <translation>Cliente existente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="72"/>
        <source>New customer</source>
        <translation>Cliente nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_picker.py" line="112"/>
        <source>Order for: {name}</source>
        <translation>Pedido para: {name}</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="42"/>
        <source>Search name, email, phone or tax id  (Ctrl+F)</source>
        <translation>Buscar nombre, correo, teléfono o NIF  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="50"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="50"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="50"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="50"/>
        <source>Tax id</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="51"/>
        <source>Terms</source>
        <translation>Condiciones</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="51"/>
        <source>Credit limit</source>
        <translation>Límite de crédito</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="54"/>
        <location filename="../../omsdesk/ui/customers_view.py" line="63"/>
        <source>New customer…</source>
        <translation>Cliente nuevo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="57"/>
        <source>Edit customer…</source>
        <translation>Editar cliente…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="66"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="71"/>
        <source>Select a customer to see their orders</source>
        <translation>Seleccione un cliente para ver sus pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="73"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="73"/>
        <source>Placed</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="73"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="73"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="79"/>
        <source>Payment terms…</source>
        <translation>Condiciones de pago…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="187"/>
        <source>Payment terms of {name}: {terms}</source>
        <translation>Condiciones de pago de {name}: {terms}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="194"/>
        <source>Terms refused</source>
        <translation>Condiciones rechazadas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customers_view.py" line="199"/>
        <source>Orders of {name} ({n}) · owes {owed}</source>
        <translation>Pedidos de {name} ({n}) · debe {owed}</translation>
    </message>
    <message>
        <source>Orders of {name} ({n})</source>
        <translation type="vanished">Pedidos de {name} ({n})</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="71"/>
        <source>Orders, last 30 days</source>
        <translation>Pedidos, últimos 30 días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="72"/>
        <source>Revenue, last 30 days</source>
        <translation>Ingresos, últimos 30 días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="73"/>
        <source>Open orders</source>
        <translation>Pedidos abiertos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="74"/>
        <source>Late orders</source>
        <translation>Pedidos con retraso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="75"/>
        <source>Low-stock levels</source>
        <translation>Existencias bajo mínimos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="81"/>
        <source>Orders per day by channel</source>
        <translation>Pedidos por día y canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="82"/>
        <source>Revenue per day</source>
        <translation>Ingresos por día</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="83"/>
        <source>Top products, units sold (30 days)</source>
        <translation>Productos más vendidos, unidades (30 días)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="108"/>
        <source>Loading figures…</source>
        <translation>Cargando cifras…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="119"/>
        <source>Could not load the dashboard: {error}</source>
        <translation>No se pudo cargar el panel: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="151"/>
        <source>{first} to {last}</source>
        <translation>{first} a {last}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="176"/>
        <source>days ago → today</source>
        <translation>hace días → hoy</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/dashboard.py" line="194"/>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
</context>
<context>
    <name>ExceptionsView</name>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="100"/>
        <source>Every kind</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="104"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="104"/>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="104"/>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="104"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="105"/>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="108"/>
        <source>Do it (Enter)</source>
        <translation>Hacerlo (Intro)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="111"/>
        <source>Dismiss with a note… (Ctrl+D)</source>
        <translation>Descartar con una nota… (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="154"/>
        <source>Nothing needs you now</source>
        <translation>Ahora no hay nada pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="167"/>
        <source>{action} (Enter)</source>
        <translation>{action} (Intro)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="212"/>
        <source>{action}: {key} · {result}</source>
        <translation>{action}: {key} · {result}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="226"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="226"/>
        <source>{what} {key}: why does it need nothing now? It comes back when its cause changes.</source>
        <translation>{what} {key}: ¿por qué no requiere nada ahora? Volverá a aparecer si cambia su causa.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="238"/>
        <source>Dismissed: {key} · {note}</source>
        <translation>Descartado: {key} · {note}</translation>
    </message>
</context>
<context>
    <name>ExportAccountingDialog</name>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="47"/>
        <source>Export accounting</source>
        <translation>Exportar a contabilidad</translation>
    </message>
    <message>
        <source>Where to save the CSV file</source>
        <translation type="vanished">Dónde guardar el archivo CSV</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="30"/>
        <source>QuickBooks Online (invoices and credit memos)</source>
        <translation>QuickBooks Online (facturas y abonos)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="32"/>
        <source>Sage 50 / ContaPlus (Spain, XDiario)</source>
        <translation>Sage 50 / ContaPlus (España, XDiario)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="33"/>
        <source>Journal (generic)</source>
        <translation>Diario (genérico)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="58"/>
        <source>Where to save the file</source>
        <translation>Dónde guardar el archivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="59"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="67"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="72"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="73"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="74"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="75"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="86"/>
        <source>Save accounting export</source>
        <translation>Guardar exportación contable</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="87"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="87"/>
        <source>Text files (*.txt)</source>
        <translation>Archivos de texto (*.txt)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="95"/>
        <source>Choose a file first.</source>
        <translation>Primero elija un archivo.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="100"/>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="107"/>
        <source>{rows} rows written to {path} ({invoices} invoices, {credits} credit notes, {payments} payments, {purchases} supplier invoices).</source>
        <translation>{rows} filas escritas en {path} ({invoices} facturas, {credits} facturas rectificativas, {payments} cobros, {purchases} facturas de proveedor).</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="113"/>
        <source>Credit memos for QuickBooks&apos;s credit note import: {path}.</source>
        <translation>Abonos para la importación de abonos de QuickBooks: {path}.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="116"/>
        <source>{n} payments left out: the QuickBooks imports take no payments.</source>
        <translation>{n} cobros no incluidos: las importaciones de QuickBooks no admiten cobros.</translation>
    </message>
    <message>
        <source>{rows} rows written to {path} ({invoices} invoices, {credits} credit notes, {payments} payments).</source>
        <translation type="vanished">{rows} filas escritas en {path} ({invoices} facturas, {credits} rectificativas, {payments} cobros).</translation>
    </message>
    <message>
        <source>{n} payments left out: the QuickBooks invoice import has no payments.</source>
        <translation type="vanished">{n} cobros omitidos: la importación de facturas de QuickBooks no admite cobros.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="123"/>
        <source>Export failed: {error}</source>
        <translation>La exportación falló: {error}</translation>
    </message>
</context>
<context>
    <name>FullInvoiceDialog</name>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="77"/>
        <source>Full invoice for a ticket</source>
        <translation>Factura completa de un ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="80"/>
        <source>Ticket number, e.g. T2026-000123</source>
        <translation>Número de ticket, p. ej. T2026-000123</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="88"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="89"/>
        <source>Tax id (NIF)</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="90"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="91"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
</context>
<context>
    <name>InventoryView</name>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="153"/>
        <source>SKU starts with...  (Ctrl+F)</source>
        <translation>SKU empieza por...  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="160"/>
        <source>Low stock only</source>
        <translation>Solo stock bajo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="162"/>
        <source>Receive...</source>
        <translation>Recibir...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="163"/>
        <source>Adjust...</source>
        <translation>Ajustar...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="164"/>
        <source>Receive stock...</source>
        <translation>Recibir mercancía...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="167"/>
        <source>Adjust stock...</source>
        <translation>Ajustar stock...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="170"/>
        <location filename="../../omsdesk/ui/inventory_view.py" line="182"/>
        <source>New product…</source>
        <translation>Producto nuevo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="173"/>
        <location filename="../../omsdesk/ui/inventory_view.py" line="185"/>
        <source>Edit product…</source>
        <translation>Editar producto…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="216"/>
        <source>Select a product to see its movements</source>
        <translation>Seleccione un producto para ver sus movimientos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="218"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="218"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="218"/>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="218"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="219"/>
        <source>Reason / order</source>
        <translation>Motivo / pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="219"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="245"/>
        <source>Stock levels</source>
        <translation>Niveles de stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="246"/>
        <location filename="../../omsdesk/ui/inventory_view.py" line="284"/>
        <source>Planning</source>
        <translation>Planificación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="263"/>
        <source>Select a product to edit first</source>
        <translation>Elija primero el producto que quiere editar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="320"/>
        <source>{n} stock levels shown</source>
        <translation>{n} niveles de stock mostrados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="345"/>
        <source>Movements of {sku} · {name}</source>
        <translation>Movimientos de {sku} · {name}</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="81"/>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="81"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="82"/>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="82"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="83"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="83"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="84"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="84"/>
        <source>Outstanding</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="84"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>InvoicesView</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="271"/>
        <source>Search number, customer, tax id or order  (Ctrl+F)</source>
        <translation>Buscar número, cliente, NIF o pedido  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="274"/>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="278"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="306"/>
        <source>Open PDF (Ctrl+P)</source>
        <translation>Abrir PDF (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="307"/>
        <source>Credit note… (Ctrl+R)</source>
        <translation>Rectificativa… (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="308"/>
        <source>Export Factur-X… (Ctrl+E)</source>
        <translation>Exportar Factur-X… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="313"/>
        <source>Automatic invoicing… (Ctrl+U)</source>
        <translation>Facturación automática… (Ctrl+U)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="382"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="405"/>
        <source>Rendering {number}…</source>
        <translation>Generando {number}…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="426"/>
        <source>{number} is a credit note itself.</source>
        <translation>{number} ya es una factura rectificativa.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="433"/>
        <source>Credit note</source>
        <translation>Factura rectificativa</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="434"/>
        <source>Issue a credit note against {number}? It is numbered and sent to the tax agency, and cannot be withdrawn.</source>
        <translation>¿Emitir una factura rectificativa de {number}? Queda numerada, se envía a la Agencia Tributaria y no puede retirarse.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="452"/>
        <source>Credit note {number} issued</source>
        <translation>Rectificativa {number} emitida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="460"/>
        <source>Export Factur-X</source>
        <translation>Exportar Factur-X</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="461"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="477"/>
        <source>Factur-X written to {path}</source>
        <translation>Factur-X guardado en {path}</translation>
    </message>
</context>
<context>
    <name>InvoicingPolicyDialog</name>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="58"/>
        <source>Same as its channel</source>
        <translation>Como su canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="61"/>
        <source>Simplified invoices for consumers without a tax id</source>
        <translation>Facturas simplificadas a consumidores sin NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="67"/>
        <source>Invoicing</source>
        <translation>Facturación</translation>
    </message>
</context>
<context>
    <name>LiveRefresh</name>
    <message>
        <location filename="../../omsdesk/ui/live_refresh.py" line="142"/>
        <source>Connection to the server restored: everything refreshed</source>
        <translation>Conexión con el servidor restablecida: todo actualizado</translation>
    </message>
</context>
<context>
    <name>MailTab</name>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="57"/>
        <source>e.g. smtp.example.com</source>
        <translation>p. ej. smtp.ejemplo.com</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="62"/>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (normalmente puerto 587)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="63"/>
        <source>TLS (usually port 465)</source>
        <translation>TLS (normalmente puerto 465)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="64"/>
        <source>None (only a server on this computer)</source>
        <translation>Ninguna (solo un servidor en este ordenador)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="67"/>
        <source>empty: the server takes mail without login</source>
        <translation>vacío: el servidor acepta correo sin inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="71"/>
        <source>kept in the system keyring; empty keeps the stored one</source>
        <translation>se guarda en el llavero del sistema; si se deja vacío, se mantiene la guardada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="74"/>
        <source>e.g. hola@mitienda.es</source>
        <translation>p. ej. hola@mitienda.es</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="76"/>
        <source>e.g. the shop&apos;s name</source>
        <translation>p. ej. el nombre de la tienda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="79"/>
        <source>Save mail settings</source>
        <translation>Guardar la configuración de correo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="81"/>
        <source>Outgoing mail server</source>
        <translation>Servidor de correo saliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="83"/>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="84"/>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="85"/>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="86"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="87"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="88"/>
        <source>Sender address</source>
        <translation>Dirección del remitente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="89"/>
        <source>Sender name</source>
        <translation>Nombre del remitente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="90"/>
        <source>Tracking page of the manual carrier</source>
        <translation>Página de seguimiento del transportista manual</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="93"/>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="96"/>
        <source>recipient address</source>
        <translation>dirección del destinatario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="97"/>
        <source>Send a test message</source>
        <translation>Enviar un mensaje de prueba</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="158"/>
        <source>Outgoing mail saved: {host}:{port}</source>
        <translation>Correo saliente guardado: {host}:{port}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="163"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="181"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="187"/>
        <source>Test message sent: {detail}</source>
        <translation>Mensaje de prueba enviado: {detail}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/mail_settings.py" line="190"/>
        <source>The test message did not go: {reason}</source>
        <translation>El mensaje de prueba no se ha enviado: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="68"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="68"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="69"/>
        <source>Counter</source>
        <translation>Mostrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="69"/>
        <source>Pick &amp;&amp; Pack</source>
        <translation>Preparación y embalaje</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="70"/>
        <source>Inventory</source>
        <translation>Inventario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="70"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="71"/>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="71"/>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="72"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="72"/>
        <source>Exceptions</source>
        <translation>Incidencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="73"/>
        <source>Payables</source>
        <translation>Proveedores a pagar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="116"/>
        <source>omsdesk — {db}</source>
        <translation>omsdesk — {db}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="315"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="316"/>
        <source>&amp;New order…</source>
        <translation>&amp;Nuevo pedido…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="317"/>
        <source>&amp;Refresh</source>
        <translation>Actuali&amp;zar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="318"/>
        <source>Export &amp;accounting…</source>
        <translation>Exportar a &amp;contabilidad…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="319"/>
        <source>Import &amp;orders from CSV…</source>
        <translation>Importar &amp;pedidos desde CSV…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="321"/>
        <source>Import &amp;products from CSV…</source>
        <translation>Importar p&amp;roductos desde CSV…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="324"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="325"/>
        <source>Res&amp;tore…</source>
        <translation>Res&amp;taurar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="327"/>
        <source>Connect to a shared ser&amp;ver…</source>
        <translation>Conectar a un ser&amp;vidor compartido…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="330"/>
        <source>S&amp;witch user…</source>
        <translation>Cam&amp;biar de usuario…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="332"/>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="333"/>
        <source>Ask a &amp;manager to approve…</source>
        <translation>Pedir &amp;aprobación a un responsable…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="336"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="338"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="339"/>
        <source>&amp;Find…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="341"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="348"/>
        <source>Next view</source>
        <translation>Vista siguiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="349"/>
        <source>Previous view</source>
        <translation>Vista anterior</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="352"/>
        <source>&amp;Orders</source>
        <translation>&amp;Pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="356"/>
        <source>&amp;Inventory</source>
        <translation>&amp;Inventario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="360"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="361"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="362"/>
        <source>&amp;About omsdesk</source>
        <translation>&amp;Acerca de omsdesk</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="550"/>
        <source>Shared server</source>
        <translation>Servidor compartido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="551"/>
        <source>Saved. omsdesk opens %1 from the next start.</source>
        <translation>Guardado. omsdesk abrirá %1 a partir del próximo arranque.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="vanished">Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="405"/>
        <source>About omsdesk</source>
        <translation>Acerca de omsdesk</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="406"/>
        <source>omsdesk {version}
Desktop order management.
Database: {db}</source>
        <translation>omsdesk {version}
Gestión de pedidos de escritorio.
Base de datos: {db}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="449"/>
        <location filename="../../omsdesk/ui/main_window.py" line="457"/>
        <source>Database: {db}</source>
        <translation>Base de datos: {db}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="450"/>
        <location filename="../../omsdesk/ui/main_window.py" line="458"/>
        <source>Workstation: {ws}</source>
        <translation>Puesto: {ws}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="451"/>
        <location filename="../../omsdesk/ui/main_window.py" line="459"/>
        <location filename="../../omsdesk/ui/main_window.py" line="491"/>
        <source>User: {user}</source>
        <translation>Usuario: {user}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="460"/>
        <source>Sync: idle</source>
        <translation>Sincronización: en espera</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="461"/>
        <source>Outbox: …</source>
        <translation>Bandeja de salida: …</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="462"/>
        <source>Exceptions: …</source>
        <translation>Incidencias: …</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="452"/>
        <location filename="../../omsdesk/ui/main_window.py" line="463"/>
        <source>Problems that need someone: see the Exceptions view</source>
        <translation>Problemas que necesitan a alguien: vea la vista Incidencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="393"/>
        <source>Everywhere</source>
        <translation>En toda la ventana</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="482"/>
        <source>Approved by {manager} for the next action</source>
        <translation>Aprobado por {manager} para la próxima acción</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="486"/>
        <source>No users yet: anyone at this computer acts as administrator — create the administrator in Settings › Users.</source>
        <translation>Aún no hay usuarios: cualquiera en este ordenador actúa como administrador; cree el administrador en Ajustes › Usuarios.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="493"/>
        <source>(approved by {manager})</source>
        <translation>(aprobado por {manager})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="510"/>
        <source>Outbox: unavailable</source>
        <translation>Bandeja de salida: no disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="522"/>
        <source>Exceptions: unavailable</source>
        <translation>Incidencias: no disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="527"/>
        <source>Exceptions: {n}</source>
        <translation>Incidencias: {n}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="532"/>
        <source>Outbox: {n} pending</source>
        <translation>Bandeja de salida: {n} pendientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="538"/>
        <source>Sync: {state}</source>
        <translation>Sincronización: {state}</translation>
    </message>
</context>
<context>
    <name>MapSkuDialog</name>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="73"/>
        <source>Map SKU for {channel}</source>
        <translation>Asociar SKU de {channel}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="77"/>
        <source>Shop SKU</source>
        <translation>SKU de la tienda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="78"/>
        <source>Our SKU</source>
        <translation>Nuestro SKU</translation>
    </message>
</context>
<context>
    <name>NewOrderDialog</name>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="44"/>
        <source>New order</source>
        <translation>Nuevo pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="48"/>
        <source>Phone order</source>
        <translation>Pedido telefónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="49"/>
        <source>Manual entry</source>
        <translation>Entrada manual</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="51"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="56"/>
        <source>Scan or type SKU or EAN, or part of the name, then Enter</source>
        <translation>Escanee o escriba SKU o EAN, o parte del nombre, y pulse Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="66"/>
        <source>Remove line</source>
        <translation>Quitar línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="77"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="83"/>
        <source>Notes for the warehouse or the invoice (optional)</source>
        <translation>Notas para el almacén o la factura (opcional)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="85"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="93"/>
        <source>Create order</source>
        <translation>Crear pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="95"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="148"/>
        <source>No product has the code or name &apos;{text}&apos;.</source>
        <translation>Ningún producto tiene el código o el nombre «{text}».</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="171"/>
        <source>Lines: {lines} · Units: {units} · Total {total}</source>
        <translation>Líneas: {lines} · Unidades: {units} · Total {total}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="192"/>
        <source>Order {reference} created: {total}</source>
        <translation>Pedido {reference} creado: {total}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="209"/>
        <source>Not created: {reason}</source>
        <translation>No creado: {reason}</translation>
    </message>
</context>
<context>
    <name>OrderBatches</name>
    <message>
        <location filename="../../omsdesk/ui/order_batches.py" line="39"/>
        <source>{action}: {n} orders</source>
        <translation>{action}: {n} pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_batches.py" line="88"/>
        <source>Packing slips: {n} orders</source>
        <translation>Albaranes: {n} pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_batches.py" line="89"/>
        <source>Labels: {n} orders</source>
        <translation>Etiquetas: {n} pedidos</translation>
    </message>
</context>
<context>
    <name>OrderDetailView</name>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="72"/>
        <location filename="../../omsdesk/ui/order_detail.py" line="228"/>
        <source>No order selected</source>
        <translation>Ningún pedido seleccionado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="98"/>
        <source>Edit address and notes…</source>
        <translation>Editar dirección y notas…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="108"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="109"/>
        <source>Ship to</source>
        <translation>Enviar a</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="112"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="112"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="112"/>
        <source>Reserved</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="112"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="113"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="116"/>
        <source>Paid at</source>
        <translation>Pagado el</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="116"/>
        <source>Method</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="116"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="116"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="122"/>
        <location filename="../../omsdesk/ui/order_detail.py" line="537"/>
        <source>Issue invoice</source>
        <translation>Emitir factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="133"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="133"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="133"/>
        <source>Workstation</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="133"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="134"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="134"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="134"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="144"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="145"/>
        <source>Payments</source>
        <translation>Pagos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="146"/>
        <source>Print label</source>
        <translation>Imprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="149"/>
        <source>Cancel label…</source>
        <translation>Anular etiqueta…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="151"/>
        <source>Void the carrier label of a packed parcel not handed over yet; the parcel stays packed, ready to book again</source>
        <translation>Anula la etiqueta del transportista de un bulto embalado que aún no se ha entregado; el bulto sigue embalado, listo para volver a reservarlo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="156"/>
        <source>Print packing slip</source>
        <translation>Imprimir albarán</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="170"/>
        <source>Shipments</source>
        <translation>Envíos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="171"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="172"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="173"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="261"/>
        <source> (held from {status})</source>
        <translation> (retenido desde {status})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="264"/>
        <source>Channel {channel} {ext} · placed {placed} · ship by {ship_by} · warehouse {wh}
Subtotal {sub} · tax {tax} · total {total} · paid {paid} · balance due {due}{refund}</source>
        <translation>Canal {channel} {ext} · realizado {placed} · enviar antes de {ship_by} · almacén {wh}
Subtotal {sub} · impuestos {tax} · total {total} · pagado {paid} · pendiente {due}{refund}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="290"/>
        <source>Parcel {id} from {wh}, {status}: {lines}</source>
        <translation>Bulto {id} desde {wh}, {status}: {lines}</translation>
    </message>
    <message>
        <source>To ship from {wh} (reserved): {lines}</source>
        <translation type="vanished">Por enviar desde {wh} (reservado): {lines}</translation>
    </message>
    <message>
        <source>Channel {channel} {ext} · placed {placed} · ship by {ship_by} · warehouse {wh}
Subtotal {sub} · tax {tax} · total {total} · paid {paid} · balance due {due}</source>
        <translation type="vanished">Canal {channel} {ext} · realizado {placed} · enviar antes de {ship_by} · almacén {wh}
Subtotal {sub} · impuestos {tax} · total {total} · pagado {paid} · pendiente {due}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="293"/>
        <source>Not shipped yet</source>
        <translation>Aún no enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="298"/>
        <source>No invoice</source>
        <translation>Sin factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="305"/>
        <source>No notes</source>
        <translation>Sin notas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="330"/>
        <source>refunded {amount}</source>
        <translation>devuelto {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="332"/>
        <source>refund due {amount}</source>
        <translation>a devolver {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="368"/>
        <source>Nothing to return: every quantity is 0</source>
        <translation>Nada que devolver: todas las cantidades son 0</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="421"/>
        <source>Cancel label</source>
        <translation>Anular etiqueta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="422"/>
        <source>Cancel the carrier label of parcel {parcel} of {ref}? The carrier voids it and the parcel stays packed, to be booked again.</source>
        <translation>¿Anular la etiqueta del transportista del bulto {parcel} de {ref}? El transportista la anula y el bulto sigue embalado, para volver a reservarlo.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="448"/>
        <location filename="../../omsdesk/ui/order_detail.py" line="452"/>
        <source>Not printed</source>
        <translation>No impreso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="486"/>
        <source>Nothing changed on {ref}</source>
        <translation>No ha cambiado nada en {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="497"/>
        <source>Return {rma} recorded</source>
        <translation>Devolución {rma} registrada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="498"/>
        <source>credit note to issue: {command}</source>
        <translation>factura rectificativa por emitir: {command}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="520"/>
        <source>Reason for {ref}:</source>
        <translation>Motivo para {ref}:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="538"/>
        <source>Issue the invoice for {ref}? An issued invoice is numbered and sent to the tax agency; it can only be corrected with a credit note.</source>
        <translation>¿Emitir la factura de {ref}? Una factura emitida queda numerada y se envía a la Agencia Tributaria; solo se corrige con una factura rectificativa.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="550"/>
        <source>Invoice {number} issued for {ref}</source>
        <translation>Factura {number} emitida para {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="580"/>
        <source>{action}: {ref} done</source>
        <translation>{action}: {ref} hecho</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="586"/>
        <source>Action refused</source>
        <translation>Acción rechazada</translation>
    </message>
</context>
<context>
    <name>OrderEditDialog</name>
    <message>
        <location filename="../../omsdesk/ui/order_edit_dialog.py" line="28"/>
        <source>Address and notes of {ref}</source>
        <translation>Dirección y notas de {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_edit_dialog.py" line="31"/>
        <source>Ship to</source>
        <translation>Enviar a</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_edit_dialog.py" line="40"/>
        <source>The order has left the warehouse: only its notes can change.</source>
        <translation>El pedido ya ha salido del almacén: solo se pueden cambiar sus notas.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_edit_dialog.py" line="45"/>
        <source>Internal notes: the customer does not see them</source>
        <translation>Notas internas: el cliente no las ve</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_edit_dialog.py" line="50"/>
        <source>e.g. customer called to change the address</source>
        <translation>p. ej., el cliente llamó para cambiar la dirección</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_edit_dialog.py" line="55"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_edit_dialog.py" line="56"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>OrderLinesTable</name>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="40"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="40"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="40"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="41"/>
        <source>Catalogue price</source>
        <translation>Precio de catálogo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="41"/>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="42"/>
        <source>Reason for the price</source>
        <translation>Motivo del precio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="42"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_lines.py" line="74"/>
        <source>Only when the price is changed</source>
        <translation>Solo si se cambia el precio</translation>
    </message>
</context>
<context>
    <name>OrderQueueModel</name>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="70"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="70"/>
        <source>Placed</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="70"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="71"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="71"/>
        <source>Marketplace id</source>
        <translation>Id. en el marketplace</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="72"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="72"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="73"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="73"/>
        <source>Ship by</source>
        <translation>Enviar antes de</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="73"/>
        <source>Claimed by</source>
        <translation>Reservado por</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="94"/>
        <source>Claimed by {who} for wave {wave} since {when}</source>
        <translation>Reservado por {who} para la oleada {wave} desde {when}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="97"/>
        <source>On hold</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="99"/>
        <source>Late: should have shipped by {when}</source>
        <translation>Con retraso: debía enviarse antes de {when}</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="98"/>
        <location filename="../../omsdesk/ui/orders_view.py" line="450"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="102"/>
        <source>Search order, marketplace id, customer, email or SKU  (Ctrl+F)</source>
        <translation>Buscar pedido, id. de marketplace, cliente, correo o SKU  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="112"/>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="114"/>
        <source>All warehouses</source>
        <translation>Todos los almacenes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="117"/>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="118"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="118"/>
        <source>Last {n} days</source>
        <translation>Últimos {n} días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="119"/>
        <source>Late only</source>
        <translation>Solo con retraso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="120"/>
        <source>On hold</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="130"/>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="133"/>
        <source>Batch actions</source>
        <translation>Acciones en lote</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="279"/>
        <source>Recent batches</source>
        <translation>Lotes recientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="152"/>
        <source>Every order of the batch</source>
        <translation>Todos los pedidos del lote</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="153"/>
        <source>Only those done</source>
        <translation>Solo los hechos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="154"/>
        <source>Only those that failed</source>
        <translation>Solo los fallidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="155"/>
        <source>Only those not run (cancelled)</source>
        <translation>Solo los no ejecutados (cancelado)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="157"/>
        <source>Show all orders</source>
        <translation>Mostrar todos los pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="250"/>
        <source>{action} selected</source>
        <translation>{action} seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="258"/>
        <source>Select all matching orders</source>
        <translation>Seleccionar todos los pedidos que coinciden</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="266"/>
        <source>Print packing slips for selected</source>
        <translation>Imprimir albaranes de los seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="267"/>
        <source>Print labels for selected</source>
        <translation>Imprimir etiquetas de los seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="282"/>
        <source>Reopen last batch</source>
        <translation>Reabrir el último lote</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="288"/>
        <source>Newest first</source>
        <translation>Más recientes primero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="291"/>
        <source>Oldest first (jump to end)</source>
        <translation>Más antiguos primero (ir al final)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="392"/>
        <source>The queue sorts by placement time only</source>
        <translation>La cola solo se ordena por fecha del pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="464"/>
        <source>{n}{more} orders shown · {ms:.0f} ms</source>
        <translation>{n}{more} pedidos mostrados · {ms:.0f} ms</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="510"/>
        <source>Packing slips</source>
        <translation>Albaranes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="510"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="512"/>
        <source>{kind} · {when} · {done} done, {failed} failed</source>
        <translation>{kind} · {when} · {done} hechos, {failed} fallidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="515"/>
        <source>, {n} not run</source>
        <translation>, {n} sin ejecutar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="524"/>
        <source>No batch run yet: batch actions and print runs appear here</source>
        <translation>Aún no hay lotes: aquí aparecen las acciones por lotes y las impresiones</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="534"/>
        <source>No batch run yet</source>
        <translation>Aún no hay ningún lote</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="546"/>
        <source>Batch: {title}</source>
        <translation>Lote: {title}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="573"/>
        <source>Finding every matching order…</source>
        <translation>Buscando todos los pedidos que coinciden…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="583"/>
        <source>All {n} matching orders are selected (not only the {shown} shown); a click selects rows again</source>
        <translation>Seleccionados los {n} pedidos que coinciden (no solo los {shown} mostrados); un clic vuelve a seleccionar filas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="591"/>
        <source>Selection back to the rows you choose</source>
        <translation>La selección vuelve a ser las filas que elija</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="599"/>
        <source>{action} {n} order(s)? This cannot be undone.</source>
        <translation>¿{action}: {n} pedido(s)? No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="605"/>
        <source>Reason for {n} orders:</source>
        <translation>Motivo para {n} pedidos:</translation>
    </message>
</context>
<context>
    <name>PayablesView</name>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="258"/>
        <source>Only with money still to pay</source>
        <translation>Solo con importe pendiente de pago</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="260"/>
        <source>Supplier</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="260"/>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="260"/>
        <source>Purchase order</source>
        <translation>Pedido de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="260"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="261"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="261"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="261"/>
        <source>Outstanding</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="261"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="267"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="267"/>
        <source>Ordered</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="267"/>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="267"/>
        <source>Invoiced</source>
        <translation>Facturado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="268"/>
        <source>PO price</source>
        <translation>Precio pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="268"/>
        <source>Invoiced price</source>
        <translation>Precio facturado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="268"/>
        <source>Match</source>
        <translation>Conciliación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="276"/>
        <source>Record supplier invoice… (Ctrl+I)</source>
        <translation>Registrar factura de proveedor… (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="277"/>
        <source>Record payment… (Ctrl+Y)</source>
        <translation>Registrar pago… (Ctrl+Y)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="278"/>
        <source>Approve differences… (Ctrl+D)</source>
        <translation>Aprobar diferencias… (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="324"/>
        <source>current</source>
        <translation>al corriente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="327"/>
        <source>Nothing owed to suppliers</source>
        <translation>No se debe nada a proveedores</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="354"/>
        <source>Recorded {number}: {status}</source>
        <translation>Registrada {number}: {status}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="381"/>
        <source>Approve differences</source>
        <translation>Aprobar diferencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="382"/>
        <source>Why are the differences accepted?</source>
        <translation>¿Por qué se aceptan las diferencias?</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../omsdesk/ui/payment_dialog.py" line="19"/>
        <source>Payment for {ref}</source>
        <translation>Cobro de {ref}</translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="vanished">Tarjeta</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="vanished">Efectivo</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation type="vanished">Transferencia</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation type="vanished">Marketplace</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">Otro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payment_dialog.py" line="26"/>
        <source>Bank statement line, card authorisation…</source>
        <translation>Apunte del extracto, autorización de tarjeta…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payment_dialog.py" line="33"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payment_dialog.py" line="34"/>
        <source>Method</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payment_dialog.py" line="35"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payment_dialog.py" line="36"/>
        <source>Received on</source>
        <translation>Recibido el</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="142"/>
        <source>Preview: {title}</source>
        <translation>Vista previa: {title}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="157"/>
        <source>This document has no pages.</source>
        <translation>Este documento no tiene páginas.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="163"/>
        <source>&amp;Print...</source>
        <translation>&amp;Imprimir...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="164"/>
        <source>&amp;Save as...</source>
        <translation>&amp;Guardar como...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="184"/>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="190"/>
        <source>Save PDF</source>
        <translation>Guardar PDF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="185"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PickPackView</name>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="82"/>
        <source>Start picking the chosen orders</source>
        <translation>Empezar el picking de los pedidos elegidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="83"/>
        <source>Pack the order</source>
        <translation>Embalar el pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="84"/>
        <source>Reprint the last slip or label</source>
        <translation>Reimprimir el último albarán o etiqueta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="85"/>
        <source>Stop booking the wave&apos;s labels</source>
        <translation>Detener la reserva de las etiquetas de la oleada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="86"/>
        <source>Pick list PDF</source>
        <translation>Lista de picking en PDF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="87"/>
        <source>Back to the scan field</source>
        <translation>Volver al campo de escaneo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="130"/>
        <source>Orders to pick</source>
        <translation>Pedidos a preparar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="135"/>
        <source> orders</source>
        <translation> pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="136"/>
        <source>Load wave (F5)</source>
        <translation>Cargar oleada (F5)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="140"/>
        <source>Order references, e.g. SO-2026-000123, then Enter</source>
        <translation>Referencias de pedido, p. ej. SO-2026-000123, e Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="143"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="143"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="143"/>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="150"/>
        <source>Start picking (F8)</source>
        <translation>Empezar a preparar (F8)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="154"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="164"/>
        <source>Pick list</source>
        <translation>Lista de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="167"/>
        <source>Scan each item (EAN or SKU) and Enter</source>
        <translation>Escanee cada artículo (EAN o SKU) e Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="178"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="178"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="178"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="178"/>
        <source>EAN</source>
        <translation>EAN</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="178"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="179"/>
        <source>Picked</source>
        <translation>Recogido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="179"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="192"/>
        <source>Pick list PDF (Ctrl+P)</source>
        <translation>PDF de la lista (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="194"/>
        <source>Pack and print (F10)</source>
        <translation>Embalar e imprimir (F10)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="198"/>
        <source>Reprint last slips and labels (F9)</source>
        <translation>Reimprimir últimos albaranes y etiquetas (F9)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="208"/>
        <location filename="../../omsdesk/ui/pickpack.py" line="525"/>
        <source>Carrier labels: %v of %m</source>
        <translation>Etiquetas del transportista: %v de %m</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="210"/>
        <source>Stop labels (Shift+F10)</source>
        <translation>Parar etiquetas (Mayús+F10)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="276"/>
        <source>No allocated orders wait in {wh}</source>
        <translation>No hay pedidos asignados esperando en {wh}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="285"/>
        <source>Wave {wave} claimed for {bench}: {n} order(s)</source>
        <translation>Oleada {wave} reservada para {bench}: {n} pedido(s)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="322"/>
        <source>Wave {wave} expired: this bench was silent too long and its orders went back to the pool. Load a new wave (F5)</source>
        <translation>La oleada {wave} ha caducado: este puesto ha estado demasiado tiempo sin dar señales y sus pedidos han vuelto a la bolsa. Cargue una nueva oleada (F5)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="338"/>
        <source>Not ready to pick: {refs}</source>
        <translation>No listos para preparar: {refs}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="384"/>
        <source>Pick {units} unit(s) for {orders} order(s), bin by bin</source>
        <translation>Recoja {units} unidad(es) para {orders} pedido(s), ubicación por ubicación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="387"/>
        <source>not ready: {refs}</source>
        <translation>no listos: {refs}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="401"/>
        <source>Start a pick list first (F8)</source>
        <translation>Primero empiece una lista de picking (F8)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="406"/>
        <source>&apos;{code}&apos; is not on this pick list: put it back</source>
        <translation>&apos;{code}&apos; no está en esta lista de picking: devuélvalo a su sitio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="409"/>
        <source>{sku} is already picked ({n} of {n}): put the extra one back</source>
        <translation>{sku} ya está recogido ({n} de {n}): devuelva la unidad de más</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="414"/>
        <source>All picked: pack and print with F10</source>
        <translation>Todo recogido: embale e imprima con F10</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="416"/>
        <source>{sku} from {bin}: {picked} of {qty}</source>
        <translation>{sku} de {bin}: {picked} de {qty}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="442"/>
        <source>{done} of {total} units picked</source>
        <translation>{done} de {total} unidades recogidas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="445"/>
        <source>No pick list yet</source>
        <translation>Aún no hay lista de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="454"/>
        <source>Pick list {wave}</source>
        <translation>Lista de picking {wave}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="461"/>
        <source>{n} unit(s) still to pick</source>
        <translation>Faltan {n} unidad(es) por recoger</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="467"/>
        <source>Packing {n} order(s)...</source>
        <translation>Embalando {n} pedido(s)...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="484"/>
        <source>Packed {refs}</source>
        <translation>Embalados {refs}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="515"/>
        <source>Stopping after this label...</source>
        <translation>Parando después de esta etiqueta...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="532"/>
        <source>Carrier labels: {ok} printed, {bad} not</source>
        <translation>Etiquetas del transportista: {ok} impresas, {bad} no</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="535"/>
        <source>stopped, {n} left for later</source>
        <translation>parado, {n} quedan para después</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="537"/>
        <source>{ref}: {reason}</source>
        <translation>{ref}: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="543"/>
        <source>Carrier labels stopped: {reason}</source>
        <translation>Etiquetas del transportista detenidas: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="559"/>
        <source>Reprinted: {what}</source>
        <translation>Reimpreso: {what}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="567"/>
        <source>Not packed: {reason}</source>
        <translation>No embalado: {reason}</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="105"/>
        <source>New PIN for {login}</source>
        <translation>Nuevo PIN de {login}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="111"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="112"/>
        <source>PIN &amp;again:</source>
        <translation>&amp;Repita el PIN:</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="46"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="46"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="46"/>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="47"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="48"/>
        <source>create</source>
        <translation>crear</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="48"/>
        <source>update</source>
        <translation>actualizar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="49"/>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="49"/>
        <source>refused</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="50"/>
        <source>title</source>
        <translation>título</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="50"/>
        <source>description</source>
        <translation>descripción</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="51"/>
        <source>price</source>
        <translation>precio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="51"/>
        <source>EAN</source>
        <translation>EAN</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="51"/>
        <source>stock</source>
        <translation>existencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="81"/>
        <source>{action}: done</source>
        <translation>{action}: hecho</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="82"/>
        <source>{action}: failed</source>
        <translation>{action}: fallido</translation>
    </message>
</context>
<context>
    <name>PlanningView</name>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="136"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="144"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <source>On order</source>
        <translation>Pedido a proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="124"/>
        <source>Lead time</source>
        <translation>Plazo de entrega</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="124"/>
        <source>Demand</source>
        <translation>Demanda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="124"/>
        <source>Safety</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="124"/>
        <source>Buy</source>
        <translation>Comprar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="125"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="144"/>
        <source>Supplier</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="125"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="126"/>
        <source>Create purchase orders</source>
        <translation>Crear pedidos de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="128"/>
        <source>New supplier…</source>
        <translation>Proveedor nuevo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="130"/>
        <source>Reorder rule…</source>
        <translation>Regla de reposición…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="134"/>
        <source>Reorder suggestions</source>
        <translation>Sugerencias de reposición</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="136"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="144"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="136"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="136"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="137"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="137"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="144"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="137"/>
        <source>Dispatched</source>
        <translation>Expedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="138"/>
        <source>New transfer…</source>
        <translation>Nuevo traspaso…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="140"/>
        <source>Receive selected</source>
        <translation>Recibir seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="142"/>
        <source>Transfers</source>
        <translation>Traspasos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="145"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="145"/>
        <source>Open units</source>
        <translation>Unidades pendientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="145"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="146"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="148"/>
        <source>Receive all open</source>
        <translation>Recibir todo lo pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="150"/>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="152"/>
        <source>New purchase order…</source>
        <translation>Pedido de compra nuevo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="154"/>
        <source>Purchase orders</source>
        <translation>Pedidos de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="156"/>
        <source>Analytics</source>
        <translation>Análisis</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="232"/>
        <source>{n} purchase order(s) created</source>
        <translation>{n} pedido(s) de compra creados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="274"/>
        <source>{ref} in transit</source>
        <translation>{ref} en tránsito</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="281"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="295"/>
        <source>{ref} received</source>
        <translation>{ref} recibido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="288"/>
        <source>{ref} sent</source>
        <translation>{ref} enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="302"/>
        <source>Save purchase order</source>
        <translation>Guardar pedido de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="314"/>
        <source>saved {path}</source>
        <translation>guardado en {path}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="105"/>
        <source>Receipt</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="105"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="106"/>
        <source>Packing slips</source>
        <translation>Albaranes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="106"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="107"/>
        <source>Pick list</source>
        <translation>Lista de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="110"/>
        <source>{what} NOT printed: {error}</source>
        <translation>{what} NO impresos: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="113"/>
        <source>{what} printed on {queue} (job {job})</source>
        <translation>{what} impresos en {queue} (trabajo {job})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="115"/>
        <source>{what} saved to {path}</source>
        <translation>{what} guardados en {path}</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="40"/>
        <source>New product</source>
        <translation>Producto nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="40"/>
        <source>Edit product {sku}</source>
        <translation>Editar producto {sku}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="46"/>
        <source>EAN-13 or GTIN; the check digit is verified</source>
        <translation>EAN-13 o GTIN; se comprueba el dígito de control</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="52"/>
        <source>21 % (general)</source>
        <translation>21 % (general)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="52"/>
        <source>10 % (reduced)</source>
        <translation>10 % (reducido)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="53"/>
        <source>4 % (super-reduced)</source>
        <translation>4 % (superreducido)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="53"/>
        <source>0 % (exempt)</source>
        <translation>0 % (exento)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="58"/>
        <source>Service: sold without stock (shipping, gift wrap), never picked</source>
        <translation>Servicio: se vende sin existencias (envío, envoltorio), nunca se prepara</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="59"/>
        <source>On sale</source>
        <translation>A la venta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="63"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="64"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="65"/>
        <source>EAN</source>
        <translation>EAN</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="66"/>
        <source>Price (VAT incl.)</source>
        <translation>Precio (IVA incl.)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="67"/>
        <source>VAT rate</source>
        <translation>Tipo de IVA</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="68"/>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="71"/>
        <source>Bin per warehouse</source>
        <translation>Ubicación por almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="98"/>
        <source>Product {sku} no longer exists.</source>
        <translation>El producto {sku} ya no existe.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="104"/>
        <source>e.g. A-01-3</source>
        <translation>p. ej. A-01-3</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="153"/>
        <source>Product {sku} saved</source>
        <translation>Producto {sku} guardado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_editor.py" line="160"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
</context>
<context>
    <name>ProductPushDialog</name>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="115"/>
        <source>Product push to {channel}</source>
        <translation>Envío de productos a {channel}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="117"/>
        <source>Reading the shop&apos;s products…</source>
        <translation>Leyendo los productos de la tienda…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="127"/>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="129"/>
        <source>Create and change on the shop what the plan says</source>
        <translation>Crear y cambiar en la tienda lo que dice el plan</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="160"/>
        <source>Would create {create}, update {update}; {unchanged} unchanged, {refused} refused. Nothing has been sent.</source>
        <translation>Se crearían {create} y se actualizarían {update}; {unchanged} sin cambios, {refused} rechazados. No se ha enviado nada.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="168"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="177"/>
        <source>Created {created}, updated {updated}, {failed} failed; {unchanged} unchanged, {refused} refused.</source>
        <translation>Creados {created}, actualizados {updated}, {failed} fallidos; {unchanged} sin cambios, {refused} rechazados.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="180"/>
        <source>The push stopped: {error}</source>
        <translation>El envío se detuvo: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/product_push_dialog.py" line="185"/>
        <source>The shop could not be read: {error}</source>
        <translation>No se pudo leer la tienda: {error}</translation>
    </message>
</context>
<context>
    <name>PurchaseOrderDialog</name>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="40"/>
        <source>New purchase order</source>
        <translation>Pedido de compra nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="45"/>
        <source>SKU or EAN, then Enter</source>
        <translation>SKU o EAN, y pulse Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="49"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="49"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="49"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="50"/>
        <source>Unit cost</source>
        <translation>Coste unitario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="57"/>
        <source>Notes for the supplier (optional)</source>
        <translation>Notas para el proveedor (opcional)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="63"/>
        <source>Create draft</source>
        <translation>Crear borrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="64"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="71"/>
        <source>Supplier</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="72"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="73"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="94"/>
        <source>No supplier yet: add one with New supplier… first.</source>
        <translation>Aún no hay proveedores: añada uno con Proveedor nuevo… primero.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="119"/>
        <source>No product has the code &apos;{text}&apos;.</source>
        <translation>Ningún producto tiene el código «{text}».</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="143"/>
        <source>rule&apos;s cost</source>
        <translation>coste de la regla</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="163"/>
        <source>Purchase order {reference} created as a draft</source>
        <translation>Pedido de compra {reference} creado como borrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/purchase_order_dialog.py" line="170"/>
        <source>Not created: {reason}</source>
        <translation>No creado: {reason}</translation>
    </message>
</context>
<context>
    <name>RecordSupplierInvoiceDialog</name>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="109"/>
        <source>Record supplier invoice</source>
        <translation>Registrar factura de proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="113"/>
        <source>Purchase order reference, then Enter</source>
        <translation>Referencia del pedido de compra y Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="124"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="124"/>
        <source>Qty invoiced</source>
        <translation>Cant. facturada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="124"/>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="124"/>
        <source>Ordered</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="125"/>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="125"/>
        <source>Invoiced in all</source>
        <translation>Total facturado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="125"/>
        <source>PO price</source>
        <translation>Precio pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="125"/>
        <source>Invoiced price</source>
        <translation>Precio facturado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="126"/>
        <source>Match</source>
        <translation>Conciliación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="135"/>
        <source>Check match</source>
        <translation>Comprobar conciliación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="136"/>
        <source>Record</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="138"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="143"/>
        <source>Purchase order</source>
        <translation>Pedido de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="144"/>
        <source>Supplier</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="145"/>
        <source>Supplier&apos;s invoice number</source>
        <translation>Número de factura del proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="146"/>
        <source>Invoice date</source>
        <translation>Fecha de factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="191"/>
        <location filename="../../omsdesk/ui/payables_view.py" line="213"/>
        <source>Load a purchase order first</source>
        <translation>Cargue antes un pedido de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="208"/>
        <source>{n} line(s) differ: the invoice will be held until approved</source>
        <translation>{n} línea(s) con diferencias: la factura quedará retenida hasta su aprobación</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../omsdesk/ui/refund_dialog.py" line="16"/>
        <source>Refund {ref}</source>
        <translation>Reembolso de {ref}</translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="vanished">Tarjeta</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="vanished">Efectivo</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation type="vanished">Transferencia</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation type="vanished">Marketplace</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">Otro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refund_dialog.py" line="24"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refund_dialog.py" line="25"/>
        <source>Method</source>
        <translation>Forma de reembolso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refund_dialog.py" line="26"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refund_dialog.py" line="27"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>ReorderRuleDialog</name>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="34"/>
        <source>Reorder rule</source>
        <translation>Regla de reposición</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="38"/>
        <source>No supplier</source>
        <translation>Sin proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="43"/>
        <source>no maximum</source>
        <translation>sin máximo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="44"/>
        <source>Own lead time</source>
        <translation>Plazo propio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="48"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="55"/>
        <source>Without its own lead time the rule takes the supplier&apos;s.</source>
        <translation>Sin plazo propio, la regla toma el del proveedor.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="69"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="70"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="71"/>
        <source>Supplier</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="72"/>
        <source>Reorder at (minimum)</source>
        <translation>Reponer al llegar a (mínimo)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="73"/>
        <source>Fill up to (maximum)</source>
        <translation>Reponer hasta (máximo)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="75"/>
        <source>Unit cost</source>
        <translation>Coste unitario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="109"/>
        <source>Reorder rule {rule} saved</source>
        <translation>Regla de reposición {rule} guardada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/reorder_rule_dialog.py" line="116"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="25"/>
        <source>Return from {ref}</source>
        <translation>Devolución de {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="28"/>
        <source>Any parcel</source>
        <translation>Cualquier bulto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="35"/>
        <source>SKU</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="35"/>
        <source>Units back</source>
        <translation>Unidades devueltas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="35"/>
        <source>What becomes of them</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="36"/>
        <source>Back to stock</source>
        <translation>Al stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="36"/>
        <source>Damaged (not for sale)</source>
        <translation>Dañado (no vendible)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="37"/>
        <source>Scrap</source>
        <translation>Desechar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="54"/>
        <source>Parcel</source>
        <translation>Bulto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/return_dialog.py" line="56"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>RolesBox</name>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="53"/>
        <source>Everyday work only</source>
        <translation>Solo el trabajo diario</translation>
    </message>
</context>
<context>
    <name>SearchHint</name>
    <message>
        <location filename="../../omsdesk/ui/search_hint.py" line="47"/>
        <source>No order in any status matches “{text}”.</source>
        <translation>Ningún pedido, en ningún estado, coincide con «{text}».</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/search_hint.py" line="50"/>
        <source>No order in {tab} matches “{text}”. Found: {where}.</source>
        <translation>Ningún pedido en {tab} coincide con «{text}». Encontrados: {where}.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/search_hint.py" line="55"/>
        <source>{n} in {status}</source>
        <translation>{n} en {status}</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="95"/>
        <source>Company and invoices</source>
        <translation>Empresa y facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="96"/>
        <source>Printers</source>
        <translation>Impresoras</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="97"/>
        <source>Counter and language</source>
        <translation>Mostrador e idioma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="99"/>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="101"/>
        <source>Outgoing mail</source>
        <translation>Correo saliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="103"/>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="105"/>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="107"/>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="109"/>
        <source>Save (Ctrl+S)</source>
        <translation>Guardar (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="126"/>
        <source>Company (printed on every invoice)</source>
        <translation>Empresa (aparece en todas las facturas)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="128"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="268"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="312"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="128"/>
        <source>Tax id (NIF)</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="128"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="269"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="313"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="129"/>
        <source>Postcode</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="129"/>
        <source>City</source>
        <translation>Localidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="129"/>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="130"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="130"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="130"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="131"/>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="137"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="250"/>
        <source>Browse...</source>
        <translation>Examinar...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="149"/>
        <source>Invoice series</source>
        <translation>Series de facturación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="151"/>
        <source>Ordinary invoices</source>
        <translation>Facturas ordinarias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="152"/>
        <source>Simplified invoices (counter)</source>
        <translation>Facturas simplificadas (mostrador)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="153"/>
        <source>Credit notes</source>
        <translation>Facturas rectificativas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="161"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="162"/>
        <source>Payment terms</source>
        <translation>Plazo de pago</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="166"/>
        <source>Simplified invoice limit</source>
        <translation>Límite de factura simplificada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="175"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="175"/>
        <source>Printer queue</source>
        <translation>Cola de impresión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="176"/>
        <source>Media</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="176"/>
        <source>Copies</source>
        <translation>Copias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="176"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="180"/>
        <source>Receipt (80 mm)</source>
        <translation>Ticket (80 mm)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="180"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="181"/>
        <source>Packing slip</source>
        <translation>Albarán</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="181"/>
        <source>Shipping label</source>
        <translation>Etiqueta de envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="182"/>
        <source>Pick list</source>
        <translation>Lista de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="196"/>
        <source>none: save the PDF</source>
        <translation>ninguna: guardar el PDF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="198"/>
        <source>default</source>
        <translation>predeterminado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="205"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="208"/>
        <source>ZPL, 203 dpi</source>
        <translation>ZPL, 203 ppp</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="209"/>
        <source>ZPL, 300 dpi</source>
        <translation>ZPL, 300 ppp</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="221"/>
        <source>Find printers</source>
        <translation>Buscar impresoras</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="223"/>
        <source>Print test page</source>
        <translation>Imprimir página de prueba</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="230"/>
        <source>Where each document prints on this workstation.</source>
        <translation>Dónde se imprime cada documento en este puesto.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="248"/>
        <source>Counter sells from</source>
        <translation>El mostrador vende desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="255"/>
        <source>Save documents without a printer to</source>
        <translation>Guardar los documentos sin impresora en</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="259"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="260"/>
        <source>Open views change language when reopened or after a restart.</source>
        <translation>Las vistas abiertas cambian de idioma al reabrirlas o al reiniciar.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="268"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="290"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="268"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="311"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="269"/>
        <source>Credential</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="277"/>
        <source>Credential of a channel</source>
        <translation>Credencial de un canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="284"/>
        <source>API key, token or password</source>
        <translation>Clave API, token o contraseña</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="285"/>
        <source>Store in keyring</source>
        <translation>Guardar en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="287"/>
        <source>Forget</source>
        <translation>Olvidar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="291"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="314"/>
        <source>Secret</source>
        <translation>Secreto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="298"/>
        <source>New shop channel</source>
        <translation>Nuevo canal de tienda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="302"/>
        <source>e.g. Tienda online</source>
        <translation>p. ej. Tienda online</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="307"/>
        <source>optional: stored in the keyring</source>
        <translation>opcional: se guarda en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="308"/>
        <source>Add channel</source>
        <translation>Añadir canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="376"/>
        <source>stored in keyring</source>
        <translation>guardada en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="376"/>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="385"/>
        <source>No keyring is available on this computer, so channel credentials cannot be stored. Install and unlock a Secret Service keyring (Debian: gnome-keyring, or KWallet on KDE) and the Python package secretstorage, then restart omsdesk.</source>
        <translation>Este equipo no tiene llavero disponible, así que no se pueden guardar las credenciales de los canales. Instale y desbloquee un llavero Secret Service (Debian: gnome-keyring, o KWallet en KDE) y el paquete de Python secretstorage, y reinicie omsdesk.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="390"/>
        <source>Secrets go to the system keyring ({backend}), never to the settings file.</source>
        <translation>Los secretos se guardan en el llavero del sistema ({backend}), nunca en el archivo de configuración.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="423"/>
        <source>valid tax id</source>
        <translation>NIF válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="428"/>
        <source>Company logo</source>
        <translation>Logotipo de la empresa</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="429"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="434"/>
        <source>Save documents to</source>
        <translation>Guardar documentos en</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="442"/>
        <source>Choose a channel and type its secret</source>
        <translation>Elija un canal y escriba su secreto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="448"/>
        <source>The keyring refused the secret: {error}</source>
        <translation>El llavero rechazó el secreto: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="451"/>
        <source>Credential of {code} stored in the keyring</source>
        <translation>Credencial de {code} guardada en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="463"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="469"/>
        <source>Channel not added: {reason}</source>
        <translation>Canal no añadido: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="474"/>
        <source>Channel {code} added</source>
        <translation>Canal {code} añadido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="479"/>
        <source>secret NOT stored: {error}</source>
        <translation>secreto NO guardado: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="482"/>
        <source>secret stored in the keyring</source>
        <translation>secreto guardado en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="493"/>
        <source>Nothing removed: {error}</source>
        <translation>No se eliminó nada: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="495"/>
        <source>Credential of {code} removed</source>
        <translation>Credencial de {code} eliminada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="499"/>
        <source>Asking CUPS for printers...</source>
        <translation>Consultando las impresoras a CUPS...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="511"/>
        <source>Printers: {list}</source>
        <translation>Impresoras: {list}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="512"/>
        <source>CUPS has no printers set up.</source>
        <translation>CUPS no tiene impresoras configuradas.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="522"/>
        <source>Choose a printer queue for this document first</source>
        <translation>Primero elija una cola de impresión para este documento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="536"/>
        <source>Test page sent (job {job})</source>
        <translation>Página de prueba enviada (trabajo {job})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="557"/>
        <source>Fix the tax id before saving</source>
        <translation>Corrija el NIF antes de guardar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="568"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="576"/>
        <source>Settings saved</source>
        <translation>Configuración guardada</translation>
    </message>
</context>
<context>
    <name>ShipByDialog</name>
    <message>
        <location filename="../../omsdesk/ui/ship_by_dialog.py" line="24"/>
        <source>Ship-by promise of {channel}</source>
        <translation>Plazo de envío de {channel}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_by_dialog.py" line="29"/>
        <source> working day(s)</source>
        <translation> día(s) laborable(s)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_by_dialog.py" line="33"/>
        <source>Orders placed before the cut-off (Madrid time) on a working day count from that day; weekends and Spain&apos;s national holidays are not working days.</source>
        <translation>Los pedidos realizados antes de la hora de corte (hora de Madrid) en un día laborable cuentan desde ese día; los fines de semana y los festivos nacionales no son laborables.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_by_dialog.py" line="37"/>
        <source>Handling time</source>
        <translation>Tiempo de preparación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_by_dialog.py" line="38"/>
        <source>Daily cut-off</source>
        <translation>Hora de corte diaria</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="28"/>
        <source>Ship {ref}</source>
        <translation>Enviar {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="34"/>
        <source>Parcel {id} from {wh}: {units}</source>
        <translation>Bulto {id} desde {wh}: {units}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="39"/>
        <source>Every packed parcel</source>
        <translation>Todos los bultos embalados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="47"/>
        <source>Scan or type the carrier&apos;s number</source>
        <translation>Escanee o escriba el número del transportista</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="56"/>
        <source>from the products</source>
        <translation>según los productos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="60"/>
        <source>Parcel</source>
        <translation>Bulto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="61"/>
        <source>Carrier</source>
        <translation>Transportista</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="62"/>
        <source>Tracking number</source>
        <translation>Número de seguimiento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="63"/>
        <source>Packages</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="64"/>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="67"/>
        <source>Ship</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/ship_dialog.py" line="85"/>
        <source>A tracking number, packages and weight belong to one parcel: choose the parcel to enter them.</source>
        <translation>El número de seguimiento, los paquetes y el peso son de un solo bulto: elija el bulto para introducirlos.</translation>
    </message>
    <message>
        <source>A tracking number belongs to one parcel: choose the parcel to enter it.</source>
        <translation type="vanished">Un número de seguimiento corresponde a un solo bulto: elija el bulto para introducirlo.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../omsdesk/ui/shortcuts_dialog.py" line="20"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/shortcuts_dialog.py" line="23"/>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/shortcuts_dialog.py" line="23"/>
        <source>Key</source>
        <translation>Tecla</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/shortcuts_dialog.py" line="23"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="81"/>
        <source>Manager approval</source>
        <translation>Aprobación de un responsable</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="81"/>
        <location filename="../../omsdesk/ui/sign_in.py" line="104"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="83"/>
        <source>A manager signs in here to approve this one action.</source>
        <translation>Un responsable inicia sesión aquí para aprobar esta acción concreta.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="85"/>
        <source>Sign in with your login and PIN, or scan your badge.</source>
        <translation>Inicie sesión con su usuario y PIN, o escanee su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="94"/>
        <source>&amp;Login or badge:</source>
        <translation>&amp;Usuario o tarjeta:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="95"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="104"/>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
</context>
<context>
    <name>StockDialog</name>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="30"/>
        <source>Receive stock</source>
        <translation>Recibir mercancía</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="30"/>
        <source>Adjust stock</source>
        <translation>Ajustar stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="45"/>
        <source>e.g. supplier delivery note 1234</source>
        <translation>p. ej. albarán del proveedor 1234</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="46"/>
        <source>Required: count, damage, loss...</source>
        <translation>Obligatorio: recuento, rotura, pérdida...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="50"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="51"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="52"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="52"/>
        <source>Change (+/-)</source>
        <translation>Cambio (+/-)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="53"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="64"/>
        <source>A stock adjustment needs a reason.</source>
        <translation>Un ajuste de stock necesita un motivo.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/stock_dialog.py" line="67"/>
        <source>The change cannot be zero.</source>
        <translation>El cambio no puede ser cero.</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="66"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="66"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="66"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="67"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="67"/>
        <source>On hand</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="67"/>
        <source>Reserved</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="68"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="68"/>
        <source>Reorder at</source>
        <translation>Punto de pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="82"/>
        <source>Low stock: {available} available, reorder at {point}</source>
        <translation>Stock bajo: {available} disponibles, punto de pedido {point}</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="30"/>
        <source>New supplier</source>
        <translation>Proveedor nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="32"/>
        <source>Short and unique, e.g. OLEO</source>
        <translation>Corto y único, p. ej. OLEO</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="35"/>
        <source>NIF, NIE, CIF or EU VAT number</source>
        <translation>NIF, NIE, CIF o NIF-IVA de la UE</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="37"/>
        <source>Where purchase orders are sent</source>
        <translation>Adonde se envían los pedidos de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="42"/>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="48"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="49"/>
        <source>On receipt</source>
        <translation>A la recepción</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="61"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="62"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="63"/>
        <source>Tax id</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="64"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="65"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="66"/>
        <source>Lead time</source>
        <translation>Plazo de entrega</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="67"/>
        <source>Invoices due after</source>
        <translation>Vencimiento de sus facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="88"/>
        <source>Supplier {code} saved</source>
        <translation>Proveedor {code} guardado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="94"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
</context>
<context>
    <name>SupplierPaymentDialog</name>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="233"/>
        <source>Pay {supplier} {number}</source>
        <translation>Pagar {supplier} {number}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="238"/>
        <source>Due</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="239"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="240"/>
        <source>Method</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="241"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="149"/>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="150"/>
        <source>standby (another workstation syncs)</source>
        <translation>en espera (otro puesto sincroniza)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="151"/>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="161"/>
        <source>{channel}: {n} new orders</source>
        <translation>{channel}: {n} pedidos nuevos</translation>
    </message>
</context>
<context>
    <name>SyncNow</name>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="219"/>
        <source>Synchronising…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="219"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="220"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_bridge.py" line="239"/>
        <source>synced {n} jobs</source>
        <translation>{n} tareas sincronizadas</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="96"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="104"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="108"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="111"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="96"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="96"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="111"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="96"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="97"/>
        <source>Last success</source>
        <translation>Último éxito</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="97"/>
        <source>Failures</source>
        <translation>Fallos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="97"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="98"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="98"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="120"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="98"/>
        <source>Credentials</source>
        <translation>Credenciales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="99"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="120"/>
        <source>Parked</source>
        <translation>Aparcados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="104"/>
        <source>Job</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="104"/>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="105"/>
        <source>Finished</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="105"/>
        <source>Fetched</source>
        <translation>Descargados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="106"/>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="128"/>
        <source>Retry parked</source>
        <translation>Reintentar aparcados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="129"/>
        <source>Queue the selected parked messages again (all if none selected)</source>
        <translation>Volver a encolar los mensajes aparcados seleccionados (todos si no hay selección)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="131"/>
        <source>Re-import</source>
        <translation>Reimportar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="132"/>
        <source>Try the selected entries again (all if none selected)</source>
        <translation>Reintentar las entradas seleccionadas (todas si no hay selección)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="134"/>
        <source>Map SKU…</source>
        <translation>Asociar SKU…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="136"/>
        <source>Ship-by promise…</source>
        <translation>Plazo de envío…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="137"/>
        <source>Handling days and cut-off of the selected channel</source>
        <translation>Días de preparación y hora de corte del canal seleccionado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="143"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="156"/>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="183"/>
        <source>Orders that could not be imported; fix the cause, then re-import.</source>
        <translation>Pedidos que no se pudieron importar; corrija la causa y reimporte.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="195"/>
        <source>Runs</source>
        <translation>Ejecuciones</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="237"/>
        <source>invalid</source>
        <translation>no válidas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="263"/>
        <source>Quarantine ({n})</source>
        <translation>Cuarentena ({n})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="265"/>
        <source>{pending} pending, {parked} parked, {q} in quarantine</source>
        <translation>{pending} pendientes, {parked} aparcados, {q} en cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="270"/>
        <source>Sync leader: none (no workstation or daemon runs the sync jobs now)</source>
        <translation>Líder de sincronización: ninguno (ningún puesto ni servicio ejecuta ahora las tareas de sincronización)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="274"/>
        <source>{who} (this window)</source>
        <translation>{who} (esta ventana)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="275"/>
        <source>Sync leader: {who}, process {pid}, since {since}</source>
        <translation>Líder de sincronización: {who}, proceso {pid}, desde {since}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="368"/>
        <source>Sync now: {jobs} jobs, {created} new orders, {failed} failed</source>
        <translation>Sincronización: {jobs} tareas, {created} pedidos nuevos, {failed} fallidas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="374"/>
        <source>Sync now failed: {error}</source>
        <translation>La sincronización falló: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="384"/>
        <source>Select parked (failed) messages to retry</source>
        <translation>Seleccione mensajes aparcados (fallidos) para reintentar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="394"/>
        <source>{n} parked messages back in the queue</source>
        <translation>{n} mensajes aparcados vuelven a la cola</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="411"/>
        <source>The quarantine is empty</source>
        <translation>La cuarentena está vacía</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="427"/>
        <source>Re-import: {created} created, {quarantined} still in quarantine</source>
        <translation>Reimportación: {created} creados, {quarantined} siguen en cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="438"/>
        <source>Choose a channel first</source>
        <translation>Elija antes un canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="456"/>
        <source>{channel}: ship within {days} working day(s), cut-off {cutoff}</source>
        <translation>{channel}: enviar en {days} día(s) laborable(s), hora de corte {cutoff}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="465"/>
        <source>Promise refused</source>
        <translation>Plazo rechazado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="471"/>
        <source>Select a quarantined order first</source>
        <translation>Primero seleccione un pedido en cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="488"/>
        <source>{channel}: shop SKU {shop} is now {sku}; re-import to bring the orders in</source>
        <translation>{channel}: el SKU de tienda {shop} ahora es {sku}; reimporte para traer los pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="493"/>
        <source>Map SKU</source>
        <translation>Asociar SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="99"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="110"/>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="111"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="112"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="112"/>
        <source>Seen</source>
        <translation>Visto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="115"/>
        <source>The payload as the shop sent it</source>
        <translation>Los datos tal como los envió la tienda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="119"/>
        <source>All messages</source>
        <translation>Todos los mensajes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="107"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="121"/>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="124"/>
        <source>Sync now (F9)</source>
        <translation>Sincronizar ahora (F9)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="126"/>
        <source>Refresh (F5)</source>
        <translation>Actualizar (F5)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="104"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="108"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="111"/>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="105"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="108"/>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="106"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="112"/>
        <source>Updated</source>
        <translation>Actualizado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="106"/>
        <source>Quarantined</source>
        <translation>En cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="107"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="108"/>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="109"/>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="105"/>
        <location filename="../../omsdesk/ui/sync_view.py" line="109"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="109"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="109"/>
        <source>Next attempt</source>
        <translation>Próximo intento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="196"/>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="197"/>
        <source>Quarantine</source>
        <translation>Cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="229"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="234"/>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>TermsDialog</name>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="35"/>
        <source>Payment terms of {name}</source>
        <translation>Condiciones de pago de {name}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="39"/>
        <source>Pay before shipping</source>
        <translation>Pago antes del envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="40"/>
        <source>Cash on delivery</source>
        <translation>Contra reembolso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="41"/>
        <source>Invoice, pay within N days</source>
        <translation>Factura, pago a N días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="47"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="48"/>
        <source>Credit limit</source>
        <translation>Límite de crédito</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="57"/>
        <source>Terms apply to phone, manual and CSV orders; an order that would take the customer over the limit waits on hold.</source>
        <translation>Las condiciones se aplican a pedidos telefónicos, manuales y CSV; un pedido que supere el límite del cliente queda retenido.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="61"/>
        <source>Terms</source>
        <translation>Condiciones</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="62"/>
        <source>Days</source>
        <translation>Días</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="90"/>
        <source>New transfer</source>
        <translation>Nuevo traspaso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="100"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="101"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="102"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="103"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
</context>
<context>
    <name>UnavailablePage</name>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="90"/>
        <source>{view} is not available</source>
        <translation>{view} no está disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="92"/>
        <source>This installation could not load it:
{reason}</source>
        <translation>Esta instalación no pudo cargarla:
{reason}</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="66"/>
        <source>Create the administrator</source>
        <translation>Crear el administrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="66"/>
        <source>New user</source>
        <translation>Nuevo usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="77"/>
        <source>optional: scan the badge</source>
        <translation>opcional: escanee la tarjeta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="78"/>
        <source>&amp;Login:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="79"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="80"/>
        <source>Roles:</source>
        <translation>Roles:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="81"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="82"/>
        <source>PIN &amp;again:</source>
        <translation>&amp;Repita el PIN:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="83"/>
        <source>&amp;Badge:</source>
        <translation>&amp;Tarjeta:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="95"/>
        <source>The two PINs differ</source>
        <translation>Los dos PIN no coinciden</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="127"/>
        <source>Login</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="127"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="127"/>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="128"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="128"/>
        <source>Last sign-in</source>
        <translation>Último inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="134"/>
        <source>Add user…</source>
        <translation>Añadir usuario…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="135"/>
        <source>Disable / enable</source>
        <translation>Desactivar / activar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="136"/>
        <source>Reset PIN…</source>
        <translation>Restablecer PIN…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="137"/>
        <source>Roles…</source>
        <translation>Roles…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="159"/>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="159"/>
        <source>service account</source>
        <translation>cuenta de servicio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="160"/>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="162"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="177"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="190"/>
        <source>User {login} added</source>
        <translation>Usuario {login} añadido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="198"/>
        <source>User {login} enabled</source>
        <translation>Usuario {login} activado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="199"/>
        <source>User {login} disabled</source>
        <translation>Usuario {login} desactivado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="209"/>
        <source>The two PINs differ</source>
        <translation>Los dos PIN no coinciden</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="212"/>
        <source>New PIN for {login}</source>
        <translation>Nuevo PIN de {login}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="219"/>
        <source>Roles of {login}</source>
        <translation>Roles de {login}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="230"/>
        <source>Roles of {login} changed</source>
        <translation>Roles de {login} cambiados</translation>
    </message>
</context>
<context>
    <name>WebhooksTab</name>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="37"/>
        <source>Id</source>
        <translation>Id.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="37"/>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="71"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="37"/>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="72"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="38"/>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="44"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="46"/>
        <source>Send test</source>
        <translation>Enviar prueba</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="53"/>
        <source>New webhook</source>
        <translation>Nuevo webhook</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="64"/>
        <source>Add webhook</source>
        <translation>Añadir webhook</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="69"/>
        <source>shown once, after adding</source>
        <translation>se muestra una sola vez, al añadirlo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="74"/>
        <source>Signing secret</source>
        <translation>Secreto de firma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="75"/>
        <source>Each event is POSTed as signed JSON (docs/webhooks.md). Copy the signing secret into the receiver now: it is kept only in this computer&apos;s keyring and not shown again. The delivery log: omsdesk webhooks log.</source>
        <translation>Cada evento se envía por POST como JSON firmado (docs/webhooks.md). Copie ahora el secreto de firma en el receptor: solo se guarda en el llavero de este ordenador y no se vuelve a mostrar. El registro de entregas: omsdesk webhooks log.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="102"/>
        <source>Choose a webhook in the list first</source>
        <translation>Elija primero un webhook de la lista</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="119"/>
        <source>Webhook {id} added: copy its signing secret now</source>
        <translation>Webhook {id} añadido: copie ahora su secreto de firma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="131"/>
        <source>Webhook {id} removed</source>
        <translation>Webhook {id} quitado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="143"/>
        <source>The receiver answered {code}</source>
        <translation>El receptor respondió {code}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/webhooks_settings.py" line="145"/>
        <source>The test did not go through: {reason}</source>
        <translation>La prueba no llegó: {reason}</translation>
    </message>
</context>
<context>
    <name>action</name>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="44"/>
        <source>Record payment</source>
        <translation>Registrar cobro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="44"/>
        <source>Allocate</source>
        <translation>Asignar stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="45"/>
        <source>Start picking</source>
        <translation>Empezar picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="45"/>
        <source>Pack</source>
        <translation>Embalar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="45"/>
        <source>Ship</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="46"/>
        <source>Mark delivered</source>
        <translation>Marcar entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="46"/>
        <source>Hold</source>
        <translation>Retener</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="47"/>
        <source>Release hold</source>
        <translation>Liberar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="47"/>
        <source>Cancel order</source>
        <translation>Anular pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="48"/>
        <source>Record return</source>
        <translation>Registrar devolución</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="48"/>
        <source>Close unshipped rest</source>
        <translation>Cerrar lo no enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="49"/>
        <source>Refund</source>
        <translation>Reembolsar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="49"/>
        <source>Edit address and notes</source>
        <translation>Editar dirección y notas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_actions.py" line="50"/>
        <source>Cancel label</source>
        <translation>Anular etiqueta</translation>
    </message>
</context>
<context>
    <name>auto invoicing</name>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="40"/>
        <source>No tax id for a full invoice</source>
        <translation>Sin NIF para una factura completa</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="41"/>
        <source>Not shipped yet</source>
        <translation>Aún no enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="42"/>
        <source>Not fully paid</source>
        <translation>No pagado del todo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="43"/>
        <source>Month not closed yet</source>
        <translation>El mes aún no ha cerrado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="44"/>
        <source>Already invoiced</source>
        <translation>Ya facturado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="45"/>
        <source>Refused by the invoice checks</source>
        <translation>Rechazado por las comprobaciones de la factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="46"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="52"/>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="53"/>
        <source>Would issue</source>
        <translation>Se emitiría</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="54"/>
        <source>Skipped</source>
        <translation>Omitido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="60"/>
        <source>Automatic invoicing has not run yet</source>
        <translation>La facturación automática aún no se ha ejecutado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="62"/>
        <source>Last dry run {when}: {issued} would be issued, {skipped} skipped</source>
        <translation>Última simulación {when}: facturas que se emitirían: {issued}; pedidos omitidos: {skipped}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="64"/>
        <source>Last automatic run {when}: {issued} issued, {skipped} skipped</source>
        <translation>Última ejecución automática {when}: facturas emitidas: {issued}; pedidos omitidos: {skipped}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/auto_invoicing.py" line="68"/>
        <source>(cancelled)</source>
        <translation>(cancelada)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="36"/>
        <source>By hand</source>
        <translation>A mano</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="37"/>
        <source>When shipped</source>
        <translation>Al enviar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="38"/>
        <source>When paid</source>
        <translation>Al cobrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoicing_policy_dialog.py" line="39"/>
        <source>Monthly per customer</source>
        <translation>Mensual por cliente</translation>
    </message>
</context>
<context>
    <name>batch</name>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="135"/>
        <source>{done} done, {failed} failed</source>
        <translation>{done} hechos, {failed} fallidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="137"/>
        <source>, {n} not run (cancelled)</source>
        <translation>, {n} sin ejecutar (cancelado)</translation>
    </message>
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="241"/>
        <source>{done} done, {failed} failed.</source>
        <translation>{done} hechos, {failed} fallidos.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="243"/>
        <source>Cancelled: {n} not run.</source>
        <translation>Cancelado: {n} sin ejecutar.</translation>
    </message>
</context>
<context>
    <name>exception</name>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="30"/>
        <source>Late</source>
        <translation>Con retraso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="30"/>
        <source>Waiting for stock</source>
        <translation>Esperando stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="31"/>
        <source>Import refused</source>
        <translation>Importación rechazada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="31"/>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="32"/>
        <source>Refund due</source>
        <translation>Reembolso pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="32"/>
        <source>Shipped unpaid</source>
        <translation>Enviado sin cobrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="33"/>
        <source>Channel in error</source>
        <translation>Canal con error</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="34"/>
        <source>Carrier booking failed</source>
        <translation>Reserva con el transportista fallida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="35"/>
        <source>Delivery failed</source>
        <translation>Entrega fallida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="36"/>
        <source>Stock below zero</source>
        <translation>Existencias bajo cero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="44"/>
        <source>Open order</source>
        <translation>Abrir pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="44"/>
        <source>Allocate again</source>
        <translation>Asignar de nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="45"/>
        <source>Re-import</source>
        <translation>Reimportar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="45"/>
        <source>Send again</source>
        <translation>Enviar de nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="46"/>
        <source>Open order to refund</source>
        <translation>Abrir pedido para reembolsar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="46"/>
        <source>Open Sync</source>
        <translation>Abrir Sincronización</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="47"/>
        <source>Book again</source>
        <translation>Reservar de nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="47"/>
        <source>Open Inventory to count</source>
        <translation>Abrir Inventario para contar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="56"/>
        <source>should have shipped by then; it is {status}</source>
        <translation>debería haberse enviado ya; está {status}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="59"/>
        <source>{n} unit(s) wait for stock</source>
        <translation>{n} unidad(es) esperan stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="61"/>
        <source>{amount} paid for units cancelled or returned</source>
        <translation>{amount} pagados por unidades anuladas o devueltas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="64"/>
        <source>{amount} still due after shipping</source>
        <translation>{amount} pendientes tras el envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="67"/>
        <source>its settings are wrong</source>
        <translation>su configuración es incorrecta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="68"/>
        <source>the shop refuses its credentials</source>
        <translation>la tienda rechaza sus credenciales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="69"/>
        <source>the shop does not answer</source>
        <translation>la tienda no responde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="70"/>
        <source>{n} failed run(s)</source>
        <translation>{n} ejecución(es) fallida(s)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="75"/>
        <source>parcel {n}: {reason}</source>
        <translation>bulto {n}: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="77"/>
        <source>the carrier could not deliver it</source>
        <translation>el transportista no pudo entregarlo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="78"/>
        <source>the carrier is sending it back</source>
        <translation>el transportista lo devuelve al remitente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="79"/>
        <source>the carrier does not know it</source>
        <translation>el transportista no lo conoce</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="80"/>
        <source>parcel {n}: {what} ({detail})</source>
        <translation>bulto {n}: {what} ({detail})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="83"/>
        <source>stock below zero after offline sale: {n} on hand</source>
        <translation>existencias bajo cero tras una venta sin conexión: {n} en almacén</translation>
    </message>
</context>
<context>
    <name>invoice kind</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="179"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="180"/>
        <source>Simplified invoice</source>
        <translation>Factura simplificada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="181"/>
        <source>Credit note</source>
        <translation>Factura rectificativa</translation>
    </message>
</context>
<context>
    <name>invoice status</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="165"/>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="166"/>
        <source>Partly paid</source>
        <translation>Pagada en parte</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="167"/>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="168"/>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="169"/>
        <source>Credited</source>
        <translation>Rectificada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="170"/>
        <source>Cancelled</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="171"/>
        <source>Replaced (F3)</source>
        <translation>Sustituida (F3)</translation>
    </message>
</context>
<context>
    <name>move</name>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="135"/>
        <source>Receipt</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="135"/>
        <source>Sale</source>
        <translation>Venta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="136"/>
        <source>Transfer out</source>
        <translation>Traspaso (salida)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="136"/>
        <source>Transfer in</source>
        <translation>Traspaso (entrada)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="137"/>
        <source>Adjustment</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="137"/>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="138"/>
        <source>Damaged</source>
        <translation>Dañado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="138"/>
        <source>Scrapped</source>
        <translation>Desechado</translation>
    </message>
</context>
<context>
    <name>parcel status</name>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="29"/>
        <source>waiting to be picked</source>
        <translation>pendiente de preparar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="29"/>
        <source>being picked</source>
        <translation>en preparación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="30"/>
        <source>packed</source>
        <translation>embalado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="30"/>
        <source>shipped</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="31"/>
        <source>delivered</source>
        <translation>entregado</translation>
    </message>
</context>
<context>
    <name>payables</name>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="54"/>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="54"/>
        <source>On hold (differences)</source>
        <translation>Retenida (diferencias)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="55"/>
        <source>Partly paid</source>
        <translation>Pagada en parte</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="55"/>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="62"/>
        <source>Matches</source>
        <translation>Coincide</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="63"/>
        <source>more than received</source>
        <translation>más de lo recibido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="64"/>
        <source>more than ordered</source>
        <translation>más de lo pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/payables_view.py" line="65"/>
        <source>price differs</source>
        <translation>el precio difiere</translation>
    </message>
</context>
<context>
    <name>payment method</name>
    <message>
        <location filename="../../omsdesk/ui/money_fields.py" line="14"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/money_fields.py" line="14"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/money_fields.py" line="15"/>
        <source>Bank transfer</source>
        <translation>Transferencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/money_fields.py" line="16"/>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/money_fields.py" line="17"/>
        <source>Cash on delivery</source>
        <translation>Contra reembolso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/money_fields.py" line="17"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
</context>
<context>
    <name>permission</name>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="37"/>
        <source>Issue credit notes and annul invoices</source>
        <translation>Emitir facturas rectificativas y anular facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="38"/>
        <source>Refund money</source>
        <translation>Devolver dinero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="39"/>
        <source>Cancel an order after payment</source>
        <translation>Cancelar un pedido ya pagado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="40"/>
        <source>Override a price beyond the limit</source>
        <translation>Cambiar un precio más allá del límite</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="41"/>
        <source>Adjust and write off stock</source>
        <translation>Ajustar y dar de baja existencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="42"/>
        <source>Change settings and channels</source>
        <translation>Cambiar ajustes y canales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="43"/>
        <source>Manage users</source>
        <translation>Gestionar usuarios</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="50"/>
        <source>Needs the permission “{title}” ({code}). A manager can approve it: Ask a manager to approve (Ctrl+Shift+K).</source>
        <translation>Requiere el permiso «{title}» ({code}). Un responsable puede aprobarlo: Pedir aprobación a un responsable (Ctrl+Shift+K).</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sign_in.py" line="149"/>
        <source>A manager can approve this now with their login and PIN.</source>
        <translation>Un responsable puede aprobarlo ahora con su usuario y su PIN.</translation>
    </message>
</context>
<context>
    <name>refusals</name>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="23"/>
        <source>cannot {action} order {ref}: status is {status}</source>
        <translation>«{action}» no es posible en el pedido {ref}: está {status}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="24"/>
        <source>it has already shipped</source>
        <translation>ya se ha enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="25"/>
        <source>record a return instead</source>
        <translation>registre una devolución</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="26"/>
        <source>close the unshipped lines instead (orders cancel-rest) or record a return</source>
        <translation>cierre lo no enviado («Cerrar lo no enviado») o registre una devolución</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="27"/>
        <source>it must be paid first</source>
        <translation>antes debe estar cobrado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="28"/>
        <source>it must be packed first</source>
        <translation>antes debe estar embalado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="29"/>
        <source>it must be picked first</source>
        <translation>antes debe prepararse (picking)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="30"/>
        <source>it must be allocated first</source>
        <translation>antes debe tener stock asignado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="31"/>
        <source>it has not shipped</source>
        <translation>no se ha enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="32"/>
        <source>it is not on hold</source>
        <translation>no está retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="33"/>
        <source>it is already cancelled</source>
        <translation>ya está anulado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="34"/>
        <source>it is already allocated</source>
        <translation>ya tiene stock asignado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="35"/>
        <source>it is already on hold</source>
        <translation>ya está retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="37"/>
        <source>order {ref} is already paid in full</source>
        <translation>El pedido {ref} ya está cobrado por completo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="38"/>
        <source>payment of {amount} exceeds the balance due of {due} on {ref}</source>
        <translation>El cobro de {amount} céntimos supera el saldo pendiente de {due} céntimos en {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="39"/>
        <source>a payment cannot be dated in the future</source>
        <translation>Un cobro no puede tener fecha futura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="40"/>
        <source>refund of {amount} exceeds the {paid} paid and not yet refunded on {ref}</source>
        <translation>El reembolso de {amount} céntimos supera los {paid} céntimos cobrados y aún no reembolsados en {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="41"/>
        <source>unknown order &apos;{ref}&apos;</source>
        <translation>No existe el pedido «{ref}»</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="43"/>
        <source>order {ref} has nothing left to allocate</source>
        <translation>Al pedido {ref} no le queda nada por asignar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="44"/>
        <source>order {ref} has no parcel waiting to be picked</source>
        <translation>El pedido {ref} no tiene ningún bulto pendiente de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="45"/>
        <source>order {ref} has no parcel to pack</source>
        <translation>El pedido {ref} no tiene ningún bulto que embalar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="46"/>
        <source>order {ref} has nothing reserved in {warehouse}</source>
        <translation>El pedido {ref} no tiene nada reservado en {warehouse}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="47"/>
        <source>parcel {parcel} of {ref} has already shipped</source>
        <translation>El bulto {parcel} de {ref} ya se ha enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="48"/>
        <source>parcel {parcel} of {ref} ({warehouse}) must be picked first</source>
        <translation>Primero hay que preparar el bulto {parcel} de {ref} ({warehouse})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="49"/>
        <source>parcel {parcel} of {ref} ({warehouse}) is not packed yet: it is {parcel_status}</source>
        <translation>El bulto {parcel} de {ref} ({warehouse}) aún no está embalado: está {parcel_status}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="50"/>
        <source>nothing to ship on {ref}</source>
        <translation>No hay nada que enviar en {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="51"/>
        <source>cannot ship {qty} x {sku} on {ref}: only {have} reserved</source>
        <translation>No se pueden enviar {qty} × {sku} en {ref}: solo hay {have} reservadas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="52"/>
        <source>{units} unit(s) still to pick before packing</source>
        <translation>Faltan {units} unidad(es) por preparar antes de embalar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="53"/>
        <source>choose at least one order to pick</source>
        <translation>Elija al menos un pedido para preparar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="54"/>
        <source>none of the chosen orders has a parcel waiting to be picked</source>
        <translation>Ninguno de los pedidos elegidos tiene bultos pendientes de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="55"/>
        <source>order {ref} is claimed by {holder} (wave {wave}, heard {seconds} s ago): that bench picks it</source>
        <translation>El pedido {ref} está reservado por {holder} (oleada {wave}, última señal hace {seconds} s): lo prepara ese puesto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="57"/>
        <source>release the wave first (omsdesk waves release {claim}) or wait until its claim expires</source>
        <translation>libere antes la oleada (omsdesk waves release {claim}) o espere a que caduque su reserva</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="59"/>
        <source>nothing of order {ref} has shipped; cancel it instead</source>
        <translation>No se ha enviado nada del pedido {ref}: anúlelo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="60"/>
        <source>order {ref} has nothing left open to close</source>
        <translation>El pedido {ref} no tiene nada pendiente que cerrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="61"/>
        <source>closing the rest of an order needs a reason</source>
        <translation>Para cerrar lo no enviado de un pedido hace falta un motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="62"/>
        <source>nothing to return on {ref}</source>
        <translation>No hay nada que devolver en {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="64"/>
        <source>order {ref} is {status}: its address can no longer change</source>
        <translation>El pedido {ref} está {status}: su dirección ya no puede cambiar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="65"/>
        <source>a ship-to address needs a street, a postcode and a city</source>
        <translation>La dirección de envío necesita calle, código postal y localidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="66"/>
        <source>postcode &apos;{postcode}&apos; of the {kind} address is not a Spanish postcode (5 digits, 01000-52999)</source>
        <translation>El código postal «{postcode}» no es un código postal español (5 cifras, 01000-52999)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="68"/>
        <source>invalid email address &apos;{email}&apos;</source>
        <translation>El correo electrónico «{email}» no es válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="69"/>
        <source>customer name is empty</source>
        <translation>Falta el nombre del cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="71"/>
        <source>unknown SKU &apos;{sku}&apos;</source>
        <translation>No existe el SKU «{sku}»</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="72"/>
        <source>a stock adjustment needs a reason</source>
        <translation>Un ajuste de stock necesita un motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="73"/>
        <source>cannot remove {qty} x {sku} from {warehouse}: not enough unreserved stock</source>
        <translation>No se pueden retirar {qty} × {sku} de {warehouse}: no hay bastante stock sin reservar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="75"/>
        <source>nothing was scanned</source>
        <translation>No se ha escaneado nada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="76"/>
        <source>no product has the code &apos;{code}&apos;</source>
        <translation>Ningún producto tiene el código «{code}»</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="77"/>
        <source>{sku} is no longer sold</source>
        <translation>{sku} ya no se vende</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="78"/>
        <source>a full invoice names the customer&apos;s tax id (NIF): choose a customer who has one</source>
        <translation>Una factura completa lleva el NIF del cliente: elija un cliente que lo tenga</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="79"/>
        <source>a full invoice needs the company&apos;s name and tax id (Settings, Company)</source>
        <translation>Una factura completa necesita el nombre y el NIF de la empresa (Ajustes, Empresa)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="81"/>
        <source>order {ref} is already fully invoiced</source>
        <translation>El pedido {ref} ya está facturado por completo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="82"/>
        <source>order {ref} is cancelled; there is nothing to invoice</source>
        <translation>El pedido {ref} está anulado: no hay nada que facturar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="83"/>
        <source>invoice {number} is already fully credited</source>
        <translation>La factura {number} ya está rectificada por completo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="84"/>
        <source>{number} is a simplified invoice: credit it with reason R5</source>
        <translation>{number} es una factura simplificada: rectifíquela con el motivo R5</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="85"/>
        <source>{number} is itself a credit note; it cannot be credited</source>
        <translation>{number} ya es una factura rectificativa: no se puede rectificar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="86"/>
        <source>converting a simplified invoice needs the customer&apos;s tax id</source>
        <translation>Para canjear una factura simplificada hace falta el NIF del cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="87"/>
        <source>converting a simplified invoice needs the customer&apos;s name</source>
        <translation>Para canjear una factura simplificada hace falta el nombre del cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="88"/>
        <source>cannot cancel {number}: payments were recorded against it</source>
        <translation>No se puede anular {number}: tiene cobros registrados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="90"/>
        <source>wrong password (or unknown user) for user &apos;{user}&apos;</source>
        <translation>contraseña incorrecta (o usuario desconocido) para el usuario «{user}»</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="91"/>
        <source>the server wants a password and none is stored: connect again with the password</source>
        <translation>el servidor pide una contraseña y no hay ninguna guardada: vuelva a conectar indicando la contraseña</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="92"/>
        <source>the server has no database &apos;{database}&apos;</source>
        <translation>el servidor no tiene ninguna base de datos «{database}»</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="93"/>
        <source>unknown host &apos;{host}&apos;: check the name (DNS)</source>
        <translation>servidor desconocido «{host}»: compruebe el nombre (DNS)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="94"/>
        <source>server {host}:{port} refused the connection: is PostgreSQL running there and reachable?</source>
        <translation>el servidor {host}:{port} ha rechazado la conexión: ¿está PostgreSQL en marcha y accesible?</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="95"/>
        <source>the server cannot be reached: check the network (LAN) connection</source>
        <translation>no se llega al servidor: compruebe la conexión de red (LAN)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="96"/>
        <source>the server did not answer in time: check the network (LAN) and the host name</source>
        <translation>el servidor no ha respondido a tiempo: compruebe la red (LAN) y el nombre del servidor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="97"/>
        <source>the server does not offer TLS, but TLS is required (sslmode): ask for TLS or change the mode</source>
        <translation>el servidor no ofrece TLS y se exige TLS (sslmode): pida que activen TLS o cambie el modo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="98"/>
        <source>the server requires TLS: connect with TLS mode require (or verify-full)</source>
        <translation>el servidor exige TLS: conecte con el modo TLS require (o verify-full)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="99"/>
        <source>the CA file &apos;{file}&apos; does not exist</source>
        <translation>no existe el fichero de la CA «{file}»</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="100"/>
        <source>the server&apos;s certificate is for &apos;{name}&apos;, not &apos;{host}&apos;: connect by that name</source>
        <translation>el certificado del servidor es para «{name}», no para «{host}»: conecte con ese nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="101"/>
        <source>the server&apos;s TLS certificate could not be verified: check the CA file (sslrootcert)</source>
        <translation>no se ha podido verificar el certificado TLS del servidor: compruebe el fichero de la CA (sslrootcert)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="102"/>
        <source>the server has no user &apos;{user}&apos;</source>
        <translation>el servidor no tiene ningún usuario «{user}»</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="103"/>
        <source>the server runs PostgreSQL {version}</source>
        <translation>el servidor tiene PostgreSQL {version}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="104"/>
        <source>omsdesk needs {minimum} or newer</source>
        <translation>omsdesk necesita la {minimum} o posterior</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="105"/>
        <source>database schema {revision} is newer than this omsdesk knows</source>
        <translation>el esquema {revision} de la base de datos es más nuevo de lo que conoce este omsdesk</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="106"/>
        <source>upgrade omsdesk first</source>
        <translation>actualice omsdesk primero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/refusals.py" line="107"/>
        <source>PostgreSQL support is not installed: pip install &apos;psycopg[binary]&apos;</source>
        <translation>no está instalado el soporte de PostgreSQL: pip install &apos;psycopg[binary]&apos;</translation>
    </message>
</context>
<context>
    <name>role</name>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="34"/>
        <source>Counter clerk</source>
        <translation>Dependiente de mostrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="34"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="35"/>
        <source>Sales / back office</source>
        <translation>Ventas / administración</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="35"/>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/users_tab.py" line="36"/>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="16"/>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="16"/>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="16"/>
        <source>Allocated</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="17"/>
        <source>Picking</source>
        <translation>En picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="17"/>
        <source>Packed</source>
        <translation>Embalado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="17"/>
        <source>Shipped</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="18"/>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="18"/>
        <source>On hold</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="19"/>
        <source>Cancelled</source>
        <translation>Anulado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="19"/>
        <source>Partly shipped</source>
        <translation>Enviado en parte</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="20"/>
        <source>Backorder</source>
        <translation>Pendiente de stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/labels.py" line="20"/>
        <source>Returned</source>
        <translation>Devuelto</translation>
    </message>
</context>
<context>
    <name>terms</name>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="25"/>
        <source>{days} days</source>
        <translation>{days} días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="26"/>
        <source>Pay before shipping</source>
        <translation>Pago antes del envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/terms_dialog.py" line="27"/>
        <source>Cash on delivery</source>
        <translation>Contra reembolso</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../omsdesk/ui/app.py" line="39"/>
        <source>Opening the database…</source>
        <translation>Abriendo la base de datos…</translation>
    </message>
</context>
</TS>
