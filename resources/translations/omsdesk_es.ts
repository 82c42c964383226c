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
        <location filename="../../omsdesk/ui/planning_charts.py" line="51"/>
        <location filename="../../omsdesk/ui/planning_charts.py" line="131"/>
        <source>Stock value</source>
        <translation>Valor del stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="51"/>
        <source>Turnover (90 days)</source>
        <translation>Rotación (90 días)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="52"/>
        <source>Stock-outs (30 days)</source>
        <translation>Roturas de stock (30 días)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="52"/>
        <source>Top sellers (30 days)</source>
        <translation>Más vendidos (30 días)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="56"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="62"/>
        <source>Stock value per warehouse</source>
        <translation>Valor del stock por almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="95"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="122"/>
        <source>Nothing to show yet: receive stock and sell, and the figures appear here</source>
        <translation>Todavía no hay datos: reciba stock y venda, y las cifras aparecerán aquí</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="125"/>
        <source>{n} row(s)</source>
        <translation>{n} fila(s)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="130"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="130"/>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="130"/>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="131"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="131"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="132"/>
        <source>Sold</source>
        <translation>Vendido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="132"/>
        <source>On hand</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="132"/>
        <source>Average on hand</source>
        <translation>Existencias medias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="133"/>
        <source>Turnover</source>
        <translation>Rotación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="133"/>
        <source>Days of stock</source>
        <translation>Días de stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="134"/>
        <source>Times out of stock</source>
        <translation>Veces sin stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="134"/>
        <source>Days out of stock</source>
        <translation>Días sin stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="135"/>
        <source>Out now</source>
        <translation>Agotado ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="135"/>
        <source>Rank</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="146"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="146"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="155"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_charts.py" line="159"/>
        <source>{n} row(s) written</source>
        <translation>{n} fila(s) escritas</translation>
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
        <location filename="../../omsdesk/ui/workers.py" line="177"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="198"/>
        <source>{title}: {item}</source>
        <translation>{title}: {item}</translation>
    </message>
</context>
<context>
    <name>ChannelPanel</name>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="49"/>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="50"/>
        <source>Reach the shop with the saved address and secret: address, certificate, credentials and (Shopify) permissions</source>
        <translation>Conectar con la tienda con la dirección y el secreto guardados: dirección, certificado, credenciales y permisos (Shopify)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="53"/>
        <location filename="../../omsdesk/ui/sync_channels.py" line="101"/>
        <source>Disable</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="55"/>
        <source>Remove…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="56"/>
        <source>Archive the channel: its orders, SKU mappings and history stay</source>
        <translation>Archivar el canal: se conservan sus pedidos, correspondencias de SKU e historial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="60"/>
        <source>Select a channel to see its state and its last error in full</source>
        <translation>Seleccione un canal para ver su estado y su último error completo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="80"/>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="80"/>
        <source>Not synced. Enable it to sync again; its orders are kept.</source>
        <translation>No se sincroniza. Actívelo para volver a sincronizar; sus pedidos se conservan.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="82"/>
        <source>Settings wrong</source>
        <translation>Configuración errónea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="83"/>
        <source>Not retried until its settings change or you press Test connection. A mistyped address: remove the channel and add it again with the right one in Settings → Channels.</source>
        <translation>No se reintenta hasta que cambie su configuración o pulse Probar conexión. Si la dirección está mal escrita, elimine el canal y vuelva a añadirlo con la dirección correcta en Ajustes → Canales.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="86"/>
        <source>Credentials refused</source>
        <translation>Credenciales rechazadas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="87"/>
        <source>Check the key or token of this channel in Settings → Channels.</source>
        <translation>Compruebe la clave o el token de este canal en Ajustes → Canales.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="89"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="89"/>
        <source>The shop cannot be reached now; the sync keeps trying.</source>
        <translation>Ahora no se puede contactar con la tienda; la sincronización sigue intentándolo.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="91"/>
        <source>Failing</source>
        <translation>Con fallos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="91"/>
        <source>The last runs failed; see the error below and the Runs tab.</source>
        <translation>Las últimas ejecuciones han fallado; vea el error abajo y la pestaña Ejecuciones.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="92"/>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="100"/>
        <source>Enable</source>
        <translation>Activar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="107"/>
        <source>State: {state}</source>
        <translation>Estado: {state}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="110"/>
        <source>Last success: {when}</source>
        <translation>Último éxito: {when}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="110"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="112"/>
        <source>Last error:</source>
        <translation>Último error:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="114"/>
        <source>Warnings:</source>
        <translation>Avisos:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="117"/>
        <source>Test connection: OK</source>
        <translation>Prueba de conexión: correcta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="117"/>
        <source>Test connection: failed</source>
        <translation>Prueba de conexión: fallida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="118"/>
        <source>Problem: {text}</source>
        <translation>Problema: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="119"/>
        <source>Note: {text}</source>
        <translation>Nota: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="126"/>
        <location filename="../../omsdesk/ui/sync_channels.py" line="193"/>
        <source>Choose a channel first</source>
        <translation>Elija antes un canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="144"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="156"/>
        <source>{channel}: connection OK</source>
        <translation>{channel}: conexión correcta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="157"/>
        <source>{channel}: {n} problem(s), see the details</source>
        <translation>{channel}: {n} problema(s), vea los detalles</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="172"/>
        <source>{channel} enabled: the sync serves it again</source>
        <translation>{channel} activado: la sincronización vuelve a atenderlo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="174"/>
        <source>{channel} disabled: the sync leaves it alone</source>
        <translation>{channel} desactivado: la sincronización no lo toca</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="180"/>
        <source>Remove channel {channel}? Its orders, SKU mappings and sync history stay; it leaves the sync and this list, and its secret is deleted from the keyring.</source>
        <translation>¿Eliminar el canal {channel}? Se conservan sus pedidos, correspondencias de SKU e historial de sincronización; sale de la sincronización y de esta lista, y su secreto se borra del llavero.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="183"/>
        <source>{n} message(s) for it were not delivered yet (shipments, cancellations, stock): they will not be sent.</source>
        <translation>{n} mensaje(s) para este canal aún no se han entregado (envíos, cancelaciones, stock): no se enviarán.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="185"/>
        <source>Remove channel</source>
        <translation>Eliminar canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="205"/>
        <source>{channel} removed; its orders and history are kept</source>
        <translation>{channel} eliminado; se conservan sus pedidos y su historial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_channels.py" line="207"/>
        <source>(its secret could not be deleted from the keyring)</source>
        <translation>(no se pudo borrar su secreto del llavero)</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="193"/>
        <source>Scan or type SKU / EAN and press Enter (3*CODE for three)</source>
        <translation>Escanee o escriba SKU / EAN y pulse Intro (3*CÓDIGO para tres)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="203"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="203"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="203"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="203"/>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="204"/>
        <location filename="../../omsdesk/ui/counter.py" line="410"/>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="204"/>
        <location filename="../../omsdesk/ui/counter.py" line="258"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="221"/>
        <source>F2 cash · F3 card · F4 customer · Shift+F4 walk-in · + / - quantity · F6 set quantity · F7 line discount · F8 sale discount · Del remove line · ↑ ↓ choose line · Esc clear · F9 reprint</source>
        <translation>F2 efectivo · F3 tarjeta · F4 cliente · Mayús+F4 sin cliente · + / - cantidad · F6 fijar cantidad · F7 descuento de línea · F8 descuento de venta · Supr quitar línea · ↑ ↓ elegir línea · Esc vaciar · F9 reimprimir</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="242"/>
        <source>exact amount</source>
        <translation>importe exacto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="254"/>
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="255"/>
        <source>Shop stock:</source>
        <translation>Stock de tienda:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="256"/>
        <source>Items:</source>
        <translation>Artículos:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="260"/>
        <source>Cash given</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="262"/>
        <source>Change due</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="264"/>
        <source>Cash (F2)</source>
        <translation>Efectivo (F2)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="265"/>
        <source>Card (F3)</source>
        <translation>Tarjeta (F3)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="266"/>
        <source>Customer (F4)</source>
        <translation>Cliente (F4)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="267"/>
        <source>Clear (Esc)</source>
        <translation>Vaciar (Esc)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="268"/>
        <source>Full invoice with the customer&apos;s tax id</source>
        <translation>Factura completa con el NIF del cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="271"/>
        <source>Full invoice for a ticket… (F10)</source>
        <translation>Factura completa de un ticket… (F10)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="345"/>
        <source>Quantity must be a whole number, as in 3*CODE</source>
        <translation>La cantidad debe ser un número entero, como en 3*CÓDIGO</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="353"/>
        <source>No product has the code &apos;{code}&apos;</source>
        <translation>Ningún producto tiene el código &apos;{code}&apos;</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="369"/>
        <source>{name}: only {n} left in the shop</source>
        <translation>{name}: solo quedan {n} en la tienda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="372"/>
        <source>{qty} x {name}</source>
        <translation>{qty} x {name}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="400"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="411"/>
        <source>Discount on {name}: an amount (2,50) or a percentage (10%)</source>
        <translation>Descuento en {name}: un importe (2,50) o un porcentaje (10%)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="428"/>
        <source>Not a discount: {text}</source>
        <translation>No es un descuento válido: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="431"/>
        <source>The discount is larger than the line</source>
        <translation>El descuento supera el importe de la línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="439"/>
        <source>Discount on the whole sale</source>
        <translation>Descuento en toda la venta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="440"/>
        <source>Percentage off every line (e.g. 10%)</source>
        <translation>Porcentaje de descuento en cada línea (p. ej. 10%)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="458"/>
        <source>Removed {name}</source>
        <translation>Quitado: {name}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="465"/>
        <source>Ready for the next customer</source>
        <translation>Listo para el siguiente cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="512"/>
        <source>Walk-in customer</source>
        <translation>Cliente de mostrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="516"/>
        <source>no warehouse set up</source>
        <translation>ningún almacén configurado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="535"/>
        <source>not an amount</source>
        <translation>no es un importe</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="538"/>
        <source>{amount} short</source>
        <translation>faltan {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="548"/>
        <source>Cash given is not an amount: {text}</source>
        <translation>El importe entregado no es válido: {text}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="551"/>
        <source>Cash given is {short} short of the total</source>
        <translation>Faltan {short} para cubrir el total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="563"/>
        <source>No shop warehouse is set up for this counter</source>
        <translation>Este mostrador no tiene almacén de tienda configurado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="582"/>
        <source>Recording the sale...</source>
        <translation>Registrando la venta...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="595"/>
        <source>Sale {ref}: {total}</source>
        <translation>Venta {ref}: {total}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="599"/>
        <source>CHANGE {change}</source>
        <translation>CAMBIO {change}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="627"/>
        <source>No full invoice: {reason}</source>
        <translation>Sin factura completa: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="631"/>
        <source>Full invoice {number} issued; the ticket is replaced</source>
        <translation>Factura completa {number} emitida; sustituye al ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="648"/>
        <source>Copy: {what}</source>
        <translation>Copia: {what}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="611"/>
        <source>Sale not recorded: {reason}</source>
        <translation>Venta no registrada: {reason}</translation>
    </message>
</context>
<context>
    <name>CreditDialog</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="199"/>
        <source>Credit note for {number}</source>
        <translation>Factura rectificativa de {number}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="208"/>
        <source>e.g. goods returned, price agreed after delivery</source>
        <translation>p. ej. devolución de mercancía, precio acordado tras la entrega</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="210"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="210"/>
        <source>Invoiced</source>
        <translation>Facturado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="210"/>
        <source>Credit</source>
        <translation>Abonar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="223"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="224"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="230"/>
        <source>Quantities to credit (all by default):</source>
        <translation>Cantidades a abonar (todas por defecto):</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="106"/>
        <source>Choose customer</source>
        <translation>Elegir cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="110"/>
        <source>Name, email, phone or tax id</source>
        <translation>Nombre, correo, teléfono o NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="114"/>
        <source>New customer…</source>
        <translation>Cliente nuevo…</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="41"/>
        <source>New customer</source>
        <translation>Cliente nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="41"/>
        <source>Edit customer</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="51"/>
        <source>NIF, NIE, CIF or EU VAT number</source>
        <translation>NIF, NIE, CIF o NIF-IVA de la UE</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="56"/>
        <source>Payment terms…</source>
        <translation>Condiciones de pago…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="63"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="64"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="65"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="66"/>
        <source>Tax id</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="67"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="68"/>
        <source>Terms</source>
        <translation>Condiciones</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="69"/>
        <source>Billing address</source>
        <translation>Dirección de facturación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="70"/>
        <source>Shipping address</source>
        <translation>Dirección de envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="99"/>
        <source>This customer no longer exists.</source>
        <translation>Este cliente ya no existe.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="113"/>
        <source>no credit limit</source>
        <translation>sin límite de crédito</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="114"/>
        <source>limit {amount}</source>
        <translation>límite {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="119"/>
        <source>new customer</source>
        <translation>cliente nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="149"/>
        <source>Customer {name} saved</source>
        <translation>Cliente {name} guardado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/customer_editor.py" line="155"/>
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
        <location filename="../../omsdesk/ui/exceptions_view.py" line="82"/>
        <source>Every kind</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="86"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="86"/>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="86"/>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="86"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="87"/>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="90"/>
        <source>Do it (Enter)</source>
        <translation>Hacerlo (Intro)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="129"/>
        <source>Nothing needs you now</source>
        <translation>Ahora no hay nada pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="141"/>
        <source>{action} (Enter)</source>
        <translation>{action} (Intro)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="172"/>
        <source>{action}: {key} · {result}</source>
        <translation>{action}: {key} · {result}</translation>
    </message>
</context>
<context>
    <name>ExportAccountingDialog</name>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="41"/>
        <source>Export accounting</source>
        <translation>Exportar a contabilidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="52"/>
        <source>Where to save the CSV file</source>
        <translation>Dónde guardar el archivo CSV</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="53"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="61"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="66"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="67"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="68"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="69"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="76"/>
        <source>Save accounting export</source>
        <translation>Guardar exportación contable</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="78"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="86"/>
        <source>Choose a file first.</source>
        <translation>Primero elija un archivo.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="91"/>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="98"/>
        <source>{rows} rows written to {path} ({invoices} invoices, {credits} credit notes, {payments} payments).</source>
        <translation>{rows} filas escritas en {path} ({invoices} facturas, {credits} rectificativas, {payments} cobros).</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="103"/>
        <source>{n} payments left out: the QuickBooks invoice import has no payments.</source>
        <translation>{n} cobros omitidos: la importación de facturas de QuickBooks no admite cobros.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/export_dialog.py" line="110"/>
        <source>Export failed: {error}</source>
        <translation>La exportación falló: {error}</translation>
    </message>
</context>
<context>
    <name>FullInvoiceDialog</name>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="74"/>
        <source>Full invoice for a ticket</source>
        <translation>Factura completa de un ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="77"/>
        <source>Ticket number, e.g. T2026-000123</source>
        <translation>Número de ticket, p. ej. T2026-000123</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="85"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="86"/>
        <source>Tax id (NIF)</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="87"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/counter.py" line="88"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
</context>
<context>
    <name>InventoryView</name>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="151"/>
        <source>SKU starts with...  (Ctrl+F)</source>
        <translation>SKU empieza por...  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="158"/>
        <source>Low stock only</source>
        <translation>Solo stock bajo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="160"/>
        <source>Receive...</source>
        <translation>Recibir...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="161"/>
        <source>Adjust...</source>
        <translation>Ajustar...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="162"/>
        <source>Receive stock...</source>
        <translation>Recibir mercancía...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="165"/>
        <source>Adjust stock...</source>
        <translation>Ajustar stock...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="168"/>
        <location filename="../../omsdesk/ui/inventory_view.py" line="179"/>
        <source>New product…</source>
        <translation>Producto nuevo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="171"/>
        <location filename="../../omsdesk/ui/inventory_view.py" line="182"/>
        <source>Edit product…</source>
        <translation>Editar producto…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="213"/>
        <source>Select a product to see its movements</source>
        <translation>Seleccione un producto para ver sus movimientos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="215"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="215"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="215"/>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="215"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="216"/>
        <source>Reason / order</source>
        <translation>Motivo / pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="216"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="242"/>
        <source>Stock levels</source>
        <translation>Niveles de stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="243"/>
        <location filename="../../omsdesk/ui/inventory_view.py" line="281"/>
        <source>Planning</source>
        <translation>Planificación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="260"/>
        <source>Select a product to edit first</source>
        <translation>Elija primero el producto que quiere editar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="317"/>
        <source>{n} stock levels shown</source>
        <translation>{n} niveles de stock mostrados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="342"/>
        <source>Movements of {sku} · {name}</source>
        <translation>Movimientos de {sku} · {name}</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="76"/>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="76"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="77"/>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="77"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="78"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="78"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="79"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="79"/>
        <source>Outstanding</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="79"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>InvoicesView</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="258"/>
        <source>Search number, customer, tax id or order  (Ctrl+F)</source>
        <translation>Buscar número, cliente, NIF o pedido  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="261"/>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="265"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="293"/>
        <source>Open PDF (Ctrl+P)</source>
        <translation>Abrir PDF (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="294"/>
        <source>Credit note… (Ctrl+R)</source>
        <translation>Rectificativa… (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="295"/>
        <source>Export Factur-X… (Ctrl+E)</source>
        <translation>Exportar Factur-X… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="341"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="364"/>
        <source>Rendering {number}…</source>
        <translation>Generando {number}…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="385"/>
        <source>{number} is a credit note itself.</source>
        <translation>{number} ya es una factura rectificativa.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="392"/>
        <source>Credit note</source>
        <translation>Factura rectificativa</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="393"/>
        <source>Issue a credit note against {number}? It is numbered and sent to the tax agency, and cannot be withdrawn.</source>
        <translation>¿Emitir una factura rectificativa de {number}? Queda numerada, se envía a la Agencia Tributaria y no puede retirarse.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="411"/>
        <source>Credit note {number} issued</source>
        <translation>Rectificativa {number} emitida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="419"/>
        <source>Export Factur-X</source>
        <translation>Exportar Factur-X</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="420"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="436"/>
        <source>Factur-X written to {path}</source>
        <translation>Factur-X guardado en {path}</translation>
    </message>
</context>
<context>
    <name>LiveRefresh</name>
    <message>
        <location filename="../../omsdesk/ui/live_refresh.py" line="68"/>
        <source>Connection to the server restored: everything refreshed</source>
        <translation>Conexión con el servidor restablecida: todo actualizado</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="66"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="66"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="67"/>
        <source>Counter</source>
        <translation>Mostrador</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="67"/>
        <source>Pick &amp;&amp; Pack</source>
        <translation>Preparación &amp;&amp; embalaje</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="68"/>
        <source>Inventory</source>
        <translation>Inventario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="68"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="69"/>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="69"/>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="70"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="70"/>
        <source>Exceptions</source>
        <translation>Incidencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="104"/>
        <source>omsdesk — {db}</source>
        <translation>omsdesk — {db}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="263"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="264"/>
        <source>&amp;New order…</source>
        <translation>&amp;Nuevo pedido…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="265"/>
        <source>&amp;Refresh</source>
        <translation>Actuali&amp;zar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="266"/>
        <source>Export &amp;accounting…</source>
        <translation>Exportar a &amp;contabilidad…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="268"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Hacer copia ahora</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="269"/>
        <source>Res&amp;tore…</source>
        <translation>Res&amp;taurar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="271"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="273"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="274"/>
        <source>&amp;Find…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="276"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="283"/>
        <source>Next view</source>
        <translation>Vista siguiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="284"/>
        <source>Previous view</source>
        <translation>Vista anterior</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="287"/>
        <source>&amp;Orders</source>
        <translation>&amp;Pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="290"/>
        <source>&amp;Inventory</source>
        <translation>&amp;Inventario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="293"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="294"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="295"/>
        <source>&amp;About omsdesk</source>
        <translation>&amp;Acerca de omsdesk</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="324"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="327"/>
        <source>About omsdesk</source>
        <translation>Acerca de omsdesk</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="328"/>
        <source>omsdesk {version}
Desktop order management.
Database: {db}</source>
        <translation>omsdesk {version}
Gestión de pedidos de escritorio.
Base de datos: {db}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="361"/>
        <source>Database: {db}</source>
        <translation>Base de datos: {db}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="362"/>
        <source>Workstation: {ws}</source>
        <translation>Puesto: {ws}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="363"/>
        <source>User: {user}</source>
        <translation>Usuario: {user}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="364"/>
        <source>Sync: idle</source>
        <translation>Sincronización: en espera</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="365"/>
        <source>Outbox: …</source>
        <translation>Bandeja de salida: …</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="366"/>
        <source>Exceptions: …</source>
        <translation>Incidencias: …</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="367"/>
        <source>Problems that need someone: see the Exceptions view</source>
        <translation>Problemas que necesitan a alguien: vea la vista Incidencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="384"/>
        <source>Outbox: unavailable</source>
        <translation>Bandeja de salida: no disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="396"/>
        <source>Exceptions: unavailable</source>
        <translation>Incidencias: no disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="401"/>
        <source>Exceptions: {n}</source>
        <translation>Incidencias: {n}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="406"/>
        <source>Outbox: {n} pending</source>
        <translation>Bandeja de salida: {n} pendientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="412"/>
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
        <location filename="../../omsdesk/ui/order_editor.py" line="42"/>
        <source>New order</source>
        <translation>Nuevo pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="46"/>
        <source>Phone order</source>
        <translation>Pedido telefónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="47"/>
        <source>Manual entry</source>
        <translation>Entrada manual</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="49"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="54"/>
        <source>Scan or type SKU or EAN, or part of the name, then Enter</source>
        <translation>Escanee o escriba SKU o EAN, o parte del nombre, y pulse Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="64"/>
        <source>Remove line</source>
        <translation>Quitar línea</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="75"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="81"/>
        <source>Notes for the warehouse or the invoice (optional)</source>
        <translation>Notas para el almacén o la factura (opcional)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="83"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="91"/>
        <source>Create order</source>
        <translation>Crear pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="93"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="146"/>
        <source>No product has the code or name &apos;{text}&apos;.</source>
        <translation>Ningún producto tiene el código o el nombre «{text}».</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="169"/>
        <source>Lines: {lines} · Units: {units} · Total {total}</source>
        <translation>Líneas: {lines} · Unidades: {units} · Total {total}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="189"/>
        <source>Order {reference} created: {total}</source>
        <translation>Pedido {reference} creado: {total}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_editor.py" line="202"/>
        <source>Not created: {reason}</source>
        <translation>No creado: {reason}</translation>
    </message>
</context>
<context>
    <name>OrderBatches</name>
    <message>
        <location filename="../../omsdesk/ui/order_batches.py" line="38"/>
        <source>{action}: {n} orders</source>
        <translation>{action}: {n} pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_batches.py" line="77"/>
        <source>Packing slips: {n} orders</source>
        <translation>Albaranes: {n} pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_batches.py" line="78"/>
        <source>Labels: {n} orders</source>
        <translation>Etiquetas: {n} pedidos</translation>
    </message>
</context>
<context>
    <name>OrderDetailView</name>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="67"/>
        <location filename="../../omsdesk/ui/order_detail.py" line="182"/>
        <source>No order selected</source>
        <translation>Ningún pedido seleccionado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="92"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="93"/>
        <source>Ship to</source>
        <translation>Enviar a</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="96"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="96"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="96"/>
        <source>Reserved</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="96"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="97"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="100"/>
        <source>Paid at</source>
        <translation>Pagado el</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="100"/>
        <source>Method</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="100"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="100"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="106"/>
        <location filename="../../omsdesk/ui/order_detail.py" line="450"/>
        <source>Issue invoice</source>
        <translation>Emitir factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="115"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="115"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="115"/>
        <source>Workstation</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="115"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="116"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="116"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="116"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="126"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="127"/>
        <source>Payments</source>
        <translation>Pagos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="128"/>
        <source>Print label</source>
        <translation>Imprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="131"/>
        <source>Print packing slip</source>
        <translation>Imprimir albarán</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="140"/>
        <source>Shipments</source>
        <translation>Envíos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="141"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="142"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="143"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="217"/>
        <source>Channel {channel} {ext} · placed {placed} · ship by {ship_by} · warehouse {wh}
Subtotal {sub} · tax {tax} · total {total} · paid {paid} · balance due {due}{refund}</source>
        <translation>Canal {channel} {ext} · realizado {placed} · enviar antes de {ship_by} · almacén {wh}
Subtotal {sub} · impuestos {tax} · total {total} · pagado {paid} · pendiente {due}{refund}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="245"/>
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
        <location filename="../../omsdesk/ui/order_detail.py" line="248"/>
        <source>Not shipped yet</source>
        <translation>Aún no enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="251"/>
        <source>No invoice</source>
        <translation>Sin factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="257"/>
        <source>No notes</source>
        <translation>Sin notas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="281"/>
        <source>refunded {amount}</source>
        <translation>devuelto {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="283"/>
        <source>refund due {amount}</source>
        <translation>a devolver {amount}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="319"/>
        <source>Nothing to return: every quantity is 0</source>
        <translation>Nada que devolver: todas las cantidades son 0</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="381"/>
        <location filename="../../omsdesk/ui/order_detail.py" line="385"/>
        <source>Not printed</source>
        <translation>No impreso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="410"/>
        <source>Return {rma} recorded</source>
        <translation>Devolución {rma} registrada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="411"/>
        <source>credit note to issue: {command}</source>
        <translation>factura rectificativa por emitir: {command}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="433"/>
        <source>Reason for {ref}:</source>
        <translation>Motivo para {ref}:</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="451"/>
        <source>Issue the invoice for {ref}? An issued invoice is numbered and sent to the tax agency; it can only be corrected with a credit note.</source>
        <translation>¿Emitir la factura de {ref}? Una factura emitida queda numerada y se envía a la Agencia Tributaria; solo se corrige con una factura rectificativa.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="463"/>
        <source>Invoice {number} issued for {ref}</source>
        <translation>Factura {number} emitida para {ref}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="482"/>
        <source>{action}: {ref} done</source>
        <translation>{action}: {ref} hecho</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_detail.py" line="488"/>
        <source>Action refused</source>
        <translation>Acción rechazada</translation>
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
        <location filename="../../omsdesk/ui/order_queue_model.py" line="92"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="92"/>
        <source>Placed</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="92"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="93"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="93"/>
        <source>Marketplace id</source>
        <translation>Id. en el marketplace</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="94"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="94"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="95"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="95"/>
        <source>Ship by</source>
        <translation>Enviar antes de</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="95"/>
        <source>Claimed by</source>
        <translation>Reservado por</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="116"/>
        <source>Claimed by {who} for wave {wave} since {when}</source>
        <translation>Reservado por {who} para la oleada {wave} desde {when}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="119"/>
        <source>On hold</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="121"/>
        <source>Late: should have shipped by {when}</source>
        <translation>Con retraso: debía enviarse antes de {when}</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="92"/>
        <location filename="../../omsdesk/ui/orders_view.py" line="404"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="96"/>
        <source>Search order, marketplace id, customer, email or SKU  (Ctrl+F)</source>
        <translation>Buscar pedido, id. de marketplace, cliente, correo o SKU  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="106"/>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="108"/>
        <source>All warehouses</source>
        <translation>Todos los almacenes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="111"/>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="112"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="112"/>
        <source>Last {n} days</source>
        <translation>Últimos {n} días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="113"/>
        <source>Late only</source>
        <translation>Solo con retraso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="114"/>
        <source>On hold</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="124"/>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="127"/>
        <source>Batch actions</source>
        <translation>Acciones en lote</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="220"/>
        <source>{action} selected</source>
        <translation>{action} seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="228"/>
        <source>Select all matching orders</source>
        <translation>Seleccionar todos los pedidos que coinciden</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="236"/>
        <source>Print packing slips for selected</source>
        <translation>Imprimir albaranes de los seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="237"/>
        <source>Print labels for selected</source>
        <translation>Imprimir etiquetas de los seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="247"/>
        <source>Newest first</source>
        <translation>Más recientes primero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="250"/>
        <source>Oldest first (jump to end)</source>
        <translation>Más antiguos primero (ir al final)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="348"/>
        <source>The queue sorts by placement time only</source>
        <translation>La cola solo se ordena por fecha del pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="418"/>
        <source>{n}{more} orders shown · {ms:.0f} ms</source>
        <translation>{n}{more} pedidos mostrados · {ms:.0f} ms</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="458"/>
        <source>Finding every matching order…</source>
        <translation>Buscando todos los pedidos que coinciden…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="468"/>
        <source>All {n} matching orders are selected (not only the {shown} shown); a click selects rows again</source>
        <translation>Seleccionados los {n} pedidos que coinciden (no solo los {shown} mostrados); un clic vuelve a seleccionar filas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="476"/>
        <source>Selection back to the rows you choose</source>
        <translation>La selección vuelve a ser las filas que elija</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="484"/>
        <source>{action} {n} order(s)? This cannot be undone.</source>
        <translation>¿{action}: {n} pedido(s)? No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/orders_view.py" line="490"/>
        <source>Reason for {n} orders:</source>
        <translation>Motivo para {n} pedidos:</translation>
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
        <location filename="../../omsdesk/ui/print_dialogs.py" line="182"/>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="188"/>
        <source>Save PDF</source>
        <translation>Guardar PDF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/print_dialogs.py" line="183"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PickPackView</name>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="102"/>
        <source>Orders to pick</source>
        <translation>Pedidos a preparar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="107"/>
        <source> orders</source>
        <translation> pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="108"/>
        <source>Load wave (F5)</source>
        <translation>Cargar oleada (F5)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="112"/>
        <source>Order references, e.g. SO-2026-000123, then Enter</source>
        <translation>Referencias de pedido, p. ej. SO-2026-000123, e Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="115"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="115"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="115"/>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="122"/>
        <source>Start picking (F8)</source>
        <translation>Empezar a preparar (F8)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="126"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="136"/>
        <source>Pick list</source>
        <translation>Lista de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="139"/>
        <source>Scan each item (EAN or SKU) and Enter</source>
        <translation>Escanee cada artículo (EAN o SKU) e Intro</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="150"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="150"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="150"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="150"/>
        <source>EAN</source>
        <translation>EAN</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="150"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="151"/>
        <source>Picked</source>
        <translation>Recogido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="151"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="164"/>
        <source>Pick list PDF (Ctrl+P)</source>
        <translation>PDF de la lista (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="166"/>
        <source>Pack and print (F10)</source>
        <translation>Embalar e imprimir (F10)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="170"/>
        <source>Reprint last slips and labels (F9)</source>
        <translation>Reimprimir últimos albaranes y etiquetas (F9)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="234"/>
        <source>No allocated orders wait in {wh}</source>
        <translation>No hay pedidos asignados esperando en {wh}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="243"/>
        <source>Wave {wave} claimed for {bench}: {n} order(s)</source>
        <translation>Oleada {wave} reservada para {bench}: {n} pedido(s)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="280"/>
        <source>Wave {wave} expired: this bench was silent too long and its orders went back to the pool. Load a new wave (F5)</source>
        <translation>La oleada {wave} ha caducado: este puesto ha estado demasiado tiempo sin dar señales y sus pedidos han vuelto a la bolsa. Cargue una nueva oleada (F5)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="296"/>
        <source>Not ready to pick: {refs}</source>
        <translation>No listos para preparar: {refs}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="341"/>
        <source>Pick {units} unit(s) for {orders} order(s), bin by bin</source>
        <translation>Recoja {units} unidad(es) para {orders} pedido(s), ubicación por ubicación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="344"/>
        <source>not ready: {refs}</source>
        <translation>no listos: {refs}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="358"/>
        <source>Start a pick list first (F8)</source>
        <translation>Primero empiece una lista de picking (F8)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="363"/>
        <source>&apos;{code}&apos; is not on this pick list: put it back</source>
        <translation>&apos;{code}&apos; no está en esta lista de picking: devuélvalo a su sitio</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="366"/>
        <source>{sku} is already picked ({n} of {n}): put the extra one back</source>
        <translation>{sku} ya está recogido ({n} de {n}): devuelva la unidad de más</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="371"/>
        <source>All picked: pack and print with F10</source>
        <translation>Todo recogido: embale e imprima con F10</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="373"/>
        <source>{sku} from {bin}: {picked} of {qty}</source>
        <translation>{sku} de {bin}: {picked} de {qty}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="399"/>
        <source>{done} of {total} units picked</source>
        <translation>{done} de {total} unidades recogidas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="402"/>
        <source>No pick list yet</source>
        <translation>Aún no hay lista de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="411"/>
        <source>Pick list {wave}</source>
        <translation>Lista de picking {wave}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="418"/>
        <source>{n} unit(s) still to pick</source>
        <translation>Faltan {n} unidad(es) por recoger</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="424"/>
        <source>Packing {n} order(s)...</source>
        <translation>Embalando {n} pedido(s)...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="441"/>
        <source>Packed {refs}</source>
        <translation>Embalados {refs}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="458"/>
        <source>Reprinted: {what}</source>
        <translation>Reimpreso: {what}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/pickpack.py" line="466"/>
        <source>Not packed: {reason}</source>
        <translation>No embalado: {reason}</translation>
    </message>
</context>
<context>
    <name>PlanningView</name>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="122"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="135"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="122"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="143"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="122"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="122"/>
        <source>On order</source>
        <translation>Pedido a proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <source>Lead time</source>
        <translation>Plazo de entrega</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <source>Demand</source>
        <translation>Demanda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <source>Safety</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="123"/>
        <source>Buy</source>
        <translation>Comprar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="124"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="143"/>
        <source>Supplier</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="124"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="125"/>
        <source>Create purchase orders</source>
        <translation>Crear pedidos de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="127"/>
        <source>New supplier…</source>
        <translation>Proveedor nuevo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="129"/>
        <source>Reorder rule…</source>
        <translation>Regla de reposición…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="133"/>
        <source>Reorder suggestions</source>
        <translation>Sugerencias de reposición</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="135"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="143"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="135"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="135"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="136"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="136"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="143"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="136"/>
        <source>Dispatched</source>
        <translation>Expedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="137"/>
        <source>New transfer…</source>
        <translation>Nuevo traspaso…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="139"/>
        <source>Receive selected</source>
        <translation>Recibir seleccionados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="141"/>
        <source>Transfers</source>
        <translation>Traspasos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="144"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="144"/>
        <source>Open units</source>
        <translation>Unidades pendientes</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="144"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="145"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="147"/>
        <source>Receive all open</source>
        <translation>Recibir todo lo pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="149"/>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="151"/>
        <source>New purchase order…</source>
        <translation>Pedido de compra nuevo…</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="153"/>
        <source>Purchase orders</source>
        <translation>Pedidos de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="155"/>
        <source>Analytics</source>
        <translation>Análisis</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="231"/>
        <source>{n} purchase order(s) created</source>
        <translation>{n} pedido(s) de compra creados</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="273"/>
        <source>{ref} in transit</source>
        <translation>{ref} en tránsito</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="280"/>
        <location filename="../../omsdesk/ui/planning_view.py" line="294"/>
        <source>{ref} received</source>
        <translation>{ref} recibido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="287"/>
        <source>{ref} sent</source>
        <translation>{ref} enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="301"/>
        <source>Save purchase order</source>
        <translation>Guardar pedido de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="312"/>
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
        <location filename="../../omsdesk/ui/settings_view.py" line="88"/>
        <source>Company and invoices</source>
        <translation>Empresa y facturas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="89"/>
        <source>Printers</source>
        <translation>Impresoras</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="90"/>
        <source>Counter and language</source>
        <translation>Mostrador e idioma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="91"/>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="93"/>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="94"/>
        <source>Save (Ctrl+S)</source>
        <translation>Guardar (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="111"/>
        <source>Company (printed on every invoice)</source>
        <translation>Empresa (aparece en todas las facturas)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="113"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="253"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="297"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="113"/>
        <source>Tax id (NIF)</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="113"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="254"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="298"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="114"/>
        <source>Postcode</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="114"/>
        <source>City</source>
        <translation>Localidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="114"/>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="115"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="115"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="115"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="116"/>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="122"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="235"/>
        <source>Browse...</source>
        <translation>Examinar...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="134"/>
        <source>Invoice series</source>
        <translation>Series de facturación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="136"/>
        <source>Ordinary invoices</source>
        <translation>Facturas ordinarias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="137"/>
        <source>Simplified invoices (counter)</source>
        <translation>Facturas simplificadas (mostrador)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="138"/>
        <source>Credit notes</source>
        <translation>Facturas rectificativas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="146"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="147"/>
        <source>Payment terms</source>
        <translation>Plazo de pago</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="151"/>
        <source>Simplified invoice limit</source>
        <translation>Límite de factura simplificada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="160"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="160"/>
        <source>Printer queue</source>
        <translation>Cola de impresión</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="161"/>
        <source>Media</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="161"/>
        <source>Copies</source>
        <translation>Copias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="161"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="165"/>
        <source>Receipt (80 mm)</source>
        <translation>Ticket (80 mm)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="165"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="166"/>
        <source>Packing slip</source>
        <translation>Albarán</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="166"/>
        <source>Shipping label</source>
        <translation>Etiqueta de envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="167"/>
        <source>Pick list</source>
        <translation>Lista de picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="181"/>
        <source>none: save the PDF</source>
        <translation>ninguna: guardar el PDF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="183"/>
        <source>default</source>
        <translation>predeterminado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="190"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="193"/>
        <source>ZPL, 203 dpi</source>
        <translation>ZPL, 203 ppp</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="194"/>
        <source>ZPL, 300 dpi</source>
        <translation>ZPL, 300 ppp</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="206"/>
        <source>Find printers</source>
        <translation>Buscar impresoras</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="208"/>
        <source>Print test page</source>
        <translation>Imprimir página de prueba</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="215"/>
        <source>Where each document prints on this workstation.</source>
        <translation>Dónde se imprime cada documento en este puesto.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="233"/>
        <source>Counter sells from</source>
        <translation>El mostrador vende desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="240"/>
        <source>Save documents without a printer to</source>
        <translation>Guardar los documentos sin impresora en</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="244"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="245"/>
        <source>Open views change language when reopened or after a restart.</source>
        <translation>Las vistas abiertas cambian de idioma al reabrirlas o al reiniciar.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="253"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="275"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="253"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="296"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="254"/>
        <source>Credential</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="262"/>
        <source>Credential of a channel</source>
        <translation>Credencial de un canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="269"/>
        <source>API key, token or password</source>
        <translation>Clave API, token o contraseña</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="270"/>
        <source>Store in keyring</source>
        <translation>Guardar en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="272"/>
        <source>Forget</source>
        <translation>Olvidar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="276"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="299"/>
        <source>Secret</source>
        <translation>Secreto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="283"/>
        <source>New shop channel</source>
        <translation>Nuevo canal de tienda</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="287"/>
        <source>e.g. Tienda online</source>
        <translation>p. ej. Tienda online</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="292"/>
        <source>optional: stored in the keyring</source>
        <translation>opcional: se guarda en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="293"/>
        <source>Add channel</source>
        <translation>Añadir canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="357"/>
        <source>stored in keyring</source>
        <translation>guardada en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="357"/>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="366"/>
        <source>No keyring is available on this computer, so channel credentials cannot be stored. Install and unlock a Secret Service keyring (Debian: gnome-keyring, or KWallet on KDE) and the Python package secretstorage, then restart omsdesk.</source>
        <translation>Este equipo no tiene llavero disponible, así que no se pueden guardar las credenciales de los canales. Instale y desbloquee un llavero Secret Service (Debian: gnome-keyring, o KWallet en KDE) y el paquete de Python secretstorage, y reinicie omsdesk.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="371"/>
        <source>Secrets go to the system keyring ({backend}), never to the settings file.</source>
        <translation>Los secretos se guardan en el llavero del sistema ({backend}), nunca en el archivo de configuración.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="404"/>
        <source>valid tax id</source>
        <translation>NIF válido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="409"/>
        <source>Company logo</source>
        <translation>Logotipo de la empresa</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="410"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="415"/>
        <source>Save documents to</source>
        <translation>Guardar documentos en</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="423"/>
        <source>Choose a channel and type its secret</source>
        <translation>Elija un canal y escriba su secreto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="429"/>
        <source>The keyring refused the secret: {error}</source>
        <translation>El llavero rechazó el secreto: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="432"/>
        <source>Credential of {code} stored in the keyring</source>
        <translation>Credencial de {code} guardada en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="444"/>
        <location filename="../../omsdesk/ui/settings_view.py" line="450"/>
        <source>Channel not added: {reason}</source>
        <translation>Canal no añadido: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="455"/>
        <source>Channel {code} added</source>
        <translation>Canal {code} añadido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="460"/>
        <source>secret NOT stored: {error}</source>
        <translation>secreto NO guardado: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="463"/>
        <source>secret stored in the keyring</source>
        <translation>secreto guardado en el llavero</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="473"/>
        <source>Nothing removed: {error}</source>
        <translation>No se eliminó nada: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="475"/>
        <source>Credential of {code} removed</source>
        <translation>Credencial de {code} eliminada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="479"/>
        <source>Asking CUPS for printers...</source>
        <translation>Consultando las impresoras a CUPS...</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="491"/>
        <source>Printers: {list}</source>
        <translation>Impresoras: {list}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="492"/>
        <source>CUPS has no printers set up.</source>
        <translation>CUPS no tiene impresoras configuradas.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="502"/>
        <source>Choose a printer queue for this document first</source>
        <translation>Primero elija una cola de impresión para este documento</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="516"/>
        <source>Test page sent (job {job})</source>
        <translation>Página de prueba enviada (trabajo {job})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="537"/>
        <source>Fix the tax id before saving</source>
        <translation>Corrija el NIF antes de guardar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="547"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/settings_view.py" line="555"/>
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
        <location filename="../../omsdesk/ui/inventory_view.py" line="64"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="64"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="64"/>
        <source>Warehouse</source>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="65"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="65"/>
        <source>On hand</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="65"/>
        <source>Reserved</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="66"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="66"/>
        <source>Reorder at</source>
        <translation>Punto de pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="80"/>
        <source>Low stock: {available} available, reorder at {point}</source>
        <translation>Stock bajo: {available} disponibles, punto de pedido {point}</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="29"/>
        <source>New supplier</source>
        <translation>Proveedor nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="31"/>
        <source>Short and unique, e.g. OLEO</source>
        <translation>Corto y único, p. ej. OLEO</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="34"/>
        <source>NIF, NIE, CIF or EU VAT number</source>
        <translation>NIF, NIE, CIF o NIF-IVA de la UE</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="36"/>
        <source>Where purchase orders are sent</source>
        <translation>Adonde se envían los pedidos de compra</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="41"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="53"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="54"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="55"/>
        <source>Tax id</source>
        <translation>NIF</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="56"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="57"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="58"/>
        <source>Lead time</source>
        <translation>Plazo de entrega</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="78"/>
        <source>Supplier {code} saved</source>
        <translation>Proveedor {code} guardado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/supplier_dialog.py" line="84"/>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
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
        <location filename="../../omsdesk/ui/sync_view.py" line="184"/>
        <source>Orders that could not be imported; fix the cause, then re-import.</source>
        <translation>Pedidos que no se pudieron importar; corrija la causa y reimporte.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="196"/>
        <source>Runs</source>
        <translation>Ejecuciones</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="238"/>
        <source>invalid</source>
        <translation>no válidas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="264"/>
        <source>Quarantine ({n})</source>
        <translation>Cuarentena ({n})</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="266"/>
        <source>{pending} pending, {parked} parked, {q} in quarantine</source>
        <translation>{pending} pendientes, {parked} aparcados, {q} en cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="271"/>
        <source>Sync leader: none (no workstation or daemon runs the sync jobs now)</source>
        <translation>Líder de sincronización: ninguno (ningún puesto ni servicio ejecuta ahora las tareas de sincronización)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="275"/>
        <source>{who} (this window)</source>
        <translation>{who} (esta ventana)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="276"/>
        <source>Sync leader: {who}, process {pid}, since {since}</source>
        <translation>Líder de sincronización: {who}, proceso {pid}, desde {since}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="369"/>
        <source>Sync now: {jobs} jobs, {created} new orders, {failed} failed</source>
        <translation>Sincronización: {jobs} tareas, {created} pedidos nuevos, {failed} fallidas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="375"/>
        <source>Sync now failed: {error}</source>
        <translation>La sincronización falló: {error}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="385"/>
        <source>Select parked (failed) messages to retry</source>
        <translation>Seleccione mensajes aparcados (fallidos) para reintentar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="395"/>
        <source>{n} parked messages back in the queue</source>
        <translation>{n} mensajes aparcados vuelven a la cola</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="412"/>
        <source>The quarantine is empty</source>
        <translation>La cuarentena está vacía</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="428"/>
        <source>Re-import: {created} created, {quarantined} still in quarantine</source>
        <translation>Reimportación: {created} creados, {quarantined} siguen en cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="439"/>
        <source>Choose a channel first</source>
        <translation>Elija antes un canal</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="457"/>
        <source>{channel}: ship within {days} working day(s), cut-off {cutoff}</source>
        <translation>{channel}: enviar en {days} día(s) laborable(s), hora de corte {cutoff}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="466"/>
        <source>Promise refused</source>
        <translation>Plazo rechazado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="472"/>
        <source>Select a quarantined order first</source>
        <translation>Primero seleccione un pedido en cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="489"/>
        <source>{channel}: shop SKU {shop} is now {sku}; re-import to bring the orders in</source>
        <translation>{channel}: el SKU de tienda {shop} ahora es {sku}; reimporte para traer los pedidos</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="494"/>
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
        <location filename="../../omsdesk/ui/sync_view.py" line="197"/>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="198"/>
        <source>Quarantine</source>
        <translation>Cuarentena</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="230"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/sync_view.py" line="235"/>
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
        <location filename="../../omsdesk/ui/planning_view.py" line="89"/>
        <source>New transfer</source>
        <translation>Nuevo traspaso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="99"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="100"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="101"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/planning_view.py" line="102"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
</context>
<context>
    <name>UnavailablePage</name>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="79"/>
        <source>{view} is not available</source>
        <translation>{view} no está disponible</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/main_window.py" line="81"/>
        <source>This installation could not load it:
{reason}</source>
        <translation>Esta instalación no pudo cargarla:
{reason}</translation>
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
</context>
<context>
    <name>box</name>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="212"/>
        <source>{done} done, {failed} failed.</source>
        <translation>{done} hechos, {failed} fallidos.</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/workers.py" line="214"/>
        <source>Cancelled: {n} not run.</source>
        <translation>Cancelado: {n} sin ejecutar.</translation>
    </message>
</context>
<context>
    <name>exception</name>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="28"/>
        <source>Late</source>
        <translation>Con retraso</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="28"/>
        <source>Waiting for stock</source>
        <translation>Esperando stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="29"/>
        <source>Import refused</source>
        <translation>Importación rechazada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="29"/>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="30"/>
        <source>Refund due</source>
        <translation>Reembolso pendiente</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="30"/>
        <source>Shipped unpaid</source>
        <translation>Enviado sin cobrar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="31"/>
        <source>Channel in error</source>
        <translation>Canal con error</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="39"/>
        <source>Open order</source>
        <translation>Abrir pedido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="39"/>
        <source>Allocate again</source>
        <translation>Asignar de nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="40"/>
        <source>Re-import</source>
        <translation>Reimportar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="40"/>
        <source>Send again</source>
        <translation>Enviar de nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="41"/>
        <source>Open order to refund</source>
        <translation>Abrir pedido para reembolsar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="41"/>
        <source>Open Sync</source>
        <translation>Abrir Sincronización</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="50"/>
        <source>should have shipped by then; it is {status}</source>
        <translation>debería haberse enviado ya; está {status}</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="53"/>
        <source>{n} unit(s) wait for stock</source>
        <translation>{n} unidad(es) esperan stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="55"/>
        <source>{amount} paid for units cancelled or returned</source>
        <translation>{amount} pagados por unidades anuladas o devueltas</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="58"/>
        <source>{amount} still due after shipping</source>
        <translation>{amount} pendientes tras el envío</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="61"/>
        <source>its settings are wrong</source>
        <translation>su configuración es incorrecta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="62"/>
        <source>the shop refuses its credentials</source>
        <translation>la tienda rechaza sus credenciales</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="63"/>
        <source>the shop does not answer</source>
        <translation>la tienda no responde</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/exceptions_view.py" line="64"/>
        <source>{n} failed run(s)</source>
        <translation>{n} ejecución(es) fallida(s)</translation>
    </message>
</context>
<context>
    <name>invoice status</name>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="160"/>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="161"/>
        <source>Partly paid</source>
        <translation>Pagada en parte</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="162"/>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="163"/>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="164"/>
        <source>Credited</source>
        <translation>Rectificada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="165"/>
        <source>Cancelled</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/invoices_view.py" line="166"/>
        <source>Replaced (F3)</source>
        <translation>Sustituida (F3)</translation>
    </message>
</context>
<context>
    <name>move</name>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="133"/>
        <source>Receipt</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="133"/>
        <source>Sale</source>
        <translation>Venta</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="134"/>
        <source>Transfer out</source>
        <translation>Traspaso (salida)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="134"/>
        <source>Transfer in</source>
        <translation>Traspaso (entrada)</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="135"/>
        <source>Adjustment</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="135"/>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="136"/>
        <source>Damaged</source>
        <translation>Dañado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/inventory_view.py" line="136"/>
        <source>Scrapped</source>
        <translation>Desechado</translation>
    </message>
</context>
<context>
    <name>parcel status</name>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="54"/>
        <source>waiting to be picked</source>
        <translation>pendiente de preparar</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="54"/>
        <source>being picked</source>
        <translation>en preparación</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="55"/>
        <source>packed</source>
        <translation>embalado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="55"/>
        <source>shipped</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="56"/>
        <source>delivered</source>
        <translation>entregado</translation>
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
    <name>status</name>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="41"/>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="41"/>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="41"/>
        <source>Allocated</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="42"/>
        <source>Picking</source>
        <translation>En picking</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="42"/>
        <source>Packed</source>
        <translation>Embalado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="42"/>
        <source>Shipped</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="43"/>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="43"/>
        <source>On hold</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="44"/>
        <source>Cancelled</source>
        <translation>Anulado</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="44"/>
        <source>Partly shipped</source>
        <translation>Enviado en parte</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="45"/>
        <source>Backorder</source>
        <translation>Pendiente de stock</translation>
    </message>
    <message>
        <location filename="../../omsdesk/ui/order_queue_model.py" line="45"/>
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
