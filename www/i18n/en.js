// English message table. Keys are message ids, error codes (`ingest.*`),
// and `reason.*` / `flag.*` / `role.*` / `format.*` names from the core.
// Placeholders are written `{name}`; see i18n/index.js for how values are
// formatted (numbers with Intl, arrays as a list).

export default {
  // ---- page chrome ---------------------------------------------------------
  'app.title': 'Clientele — customer insight that stays on your computer',
  'app.name': 'Clientele',
  'app.promise': 'Your files never leave this computer.',
  'lang.label': 'Language',
  'footer.local': 'Everything runs inside this browser tab: no uploads, no cookies, no analytics.',
  'footer.version': 'Engine {version}',
  'footer.version_pending': 'Engine loading…',
  'footer.version_failed': 'Engine unavailable',

  // ---- drop zone -----------------------------------------------------------
  'drop.title': 'Drop sales exports here',
  'drop.or': 'or',
  'drop.choose': 'Choose files',
  'drop.hint': 'CSV, TSV or text files, optionally gzip-compressed (.gz). Several files are combined into one analysis.',

  // ---- status line ---------------------------------------------------------
  'status.idle': 'Ready. Drop one or more sales exports to begin.',
  'status.running': 'Analysing…',
  'status.done': 'Done in {elapsed}.',
  'status.error': 'The analysis stopped with an error.',
  'status.cancelled': 'Cancelled. Drop a file to start again.',

  // ---- progress panel ------------------------------------------------------
  'progress.title': 'Analysing',
  'progress.starting': 'Starting the engine…',
  'progress.file': 'File {index} of {count}: {name}',
  'progress.bytes': '{done} of {total} read ({percent})',
  'progress.rows': '{rows} rows parsed',
  'progress.cancel': 'Cancel',

  // ---- error panel ---------------------------------------------------------
  'error.title': 'The analysis could not be completed',
  'error.file': 'File',
  'error.row': 'Row',
  'error.column': 'Column',
  'error.code': 'Error code',
  'error.unknown': 'Something went wrong ({code}).',

  // Error codes. Each is built from the code and its params, never by
  // parsing the core's English sentence.
  'ingest.empty_file': 'The file is empty.',
  'ingest.no_header': 'No header row was found. The first line of the file should name the columns (for example CustomerID, InvoiceDate, Amount).',
  'ingest.missing_role': 'No column could be used as “{role}”. Columns found: {columns}. Rename the column or check that this is a sales export.',
  'ingest.missing_role.no_columns': 'No column could be used as “{role}”, and no column names were found. Check that this is a sales export.',
  'ingest.unsupported_format': 'This looks like {format}, which cannot be read here. Export the data as CSV (UTF-8) and drop that file instead.',
  'ingest.gzip_corrupt': 'The gzip file is damaged or incomplete ({detail}).',
  'ingest.record_too_large': 'One record is too large ({bytes} bytes). The file may not be a table, or a quotation mark may be left open.',
  'internal.panic': 'Internal error in the analysis engine ({detail}). The engine has been restarted; you can try again. Your file was not changed.',
  'internal.worker': 'The analysis engine stopped unexpectedly ({detail}). Try again; if it keeps failing, reload the page.',
  'io.read_failed': 'The file could not be read ({detail}). It may have been moved or changed, or it is a folder.',

  // Formats named by `ingest.unsupported_format`.
  'format.zip': 'a ZIP archive',
  'format.xlsx': 'an Excel workbook (.xlsx)',
  'format.xls': 'an Excel 97–2003 workbook (.xls)',
  'format.pdf': 'a PDF document',
  'format.image': 'an image',
  'format.binary': 'a binary file',
  'format.utf-16': 'UTF-16 text',

  // ---- overview ------------------------------------------------------------
  'ov.title': 'Overview',
  'ov.section.rows': 'Rows',
  'ov.rows_read': 'Rows read',
  'ov.rows_used': 'Rows used',
  'ov.rows_dropped': 'Rows dropped',
  'ov.section.in_file': 'In the file',
  'ov.section.in_files': 'In the files (summed per file)',
  'ov.customers_file': 'Customer IDs',
  'ov.orders_file': 'Order numbers',
  'ov.orders_cancelled': 'of which cancellations',
  'ov.section.sales': 'Sales',
  'ov.customers': 'Customers',
  'ov.orders': 'Orders',
  'ov.return_orders': 'Return orders',
  'ov.gross_sales': 'Gross sales',
  'ov.returns': 'Returns',
  'ov.net_revenue': 'Net revenue',
  'ov.first': 'First sale',
  'ov.last': 'Last sale',

  'ov.dropped.title': 'Rows dropped, by reason',
  'ov.dropped.none': 'No rows were dropped.',
  'ov.flagged.title': 'Flagged conditions',
  'ov.flagged.caption': 'A row can have several conditions, so these counts overlap and do not add up. A flagged row is not necessarily dropped.',
  'ov.flagged.none': 'No condition was flagged.',
  'ov.monthly.title': 'By month',
  'ov.monthly.none': 'No dated purchases.',
  'ov.files.title': 'Files',
  'ov.total': 'Total',

  'col.reason': 'Reason',
  'col.flag': 'Condition',
  'col.rows': 'Rows',
  'col.share': 'Share of rows read',
  'col.month': 'Month',
  'col.orders': 'Orders',
  'col.customers': 'Customers',
  'col.net_revenue': 'Net revenue',
  'col.index': '#',
  'col.column': 'Column',
  'col.role': 'Role',

  // ---- per file --------------------------------------------------------------
  'file.size': 'Size',
  'file.container': 'Compression',
  'file.encoding': 'Encoding',
  'file.delimiter': 'Delimiter',
  'file.header_row': 'Header row',
  'file.rows': 'Rows read / used / dropped',
  'file.customers': 'Customer IDs',
  'file.orders': 'Order numbers',
  'file.cancelled_orders': 'Cancelled orders',
  'file.products': 'Products',
  'file.regions': 'Regions',
  'file.period': 'Period',
  'file.amount_sum': 'Sum of amounts',
  'file.columns': 'Columns and detected roles',
  'container.gzip': 'gzip',
  'container.none': 'none',
  'delimiter.comma': 'comma ( , )',
  'delimiter.semicolon': 'semicolon ( ; )',
  'delimiter.tab': 'tab',
  'delimiter.pipe': 'vertical bar ( | )',
  'delimiter.other': '“{char}”',

  // ---- definitions -----------------------------------------------------------
  'defs.title': 'Definitions',
  'defs.rows_used': 'Rows used = purchase lines + return lines. Returns are netted against purchases.',
  'defs.net_revenue': 'Net revenue = gross sales + returns (returns are negative).',
  'defs.customers': 'Customers = distinct customer IDs with at least one purchase line.',
  'defs.in_file': '“In the file” figures count every row that has the value, including rows that were dropped or flagged.',

  // ---- drop reasons (rows removed from the analysis) -------------------------
  'reason.blank_row': 'Blank row',
  'reason.missing_field': 'Missing field',
  'reason.bad_date': 'Unreadable date',
  'reason.bad_number': 'Unreadable number',
  'reason.no_customer_id': 'No customer ID',
  'reason.zero_price': 'Unit price is zero',
  'reason.negative_price': 'Unit price is negative',
  'reason.zero_quantity': 'Quantity is zero',

  // ---- flags (conditions noted on rows; they overlap) ------------------------
  'flag.no_customer_id': 'No customer ID',
  'flag.cancellation': 'Cancellation or return',
  'flag.non_positive_quantity': 'Quantity zero or negative',
  'flag.zero_price': 'Unit price is zero',
  'flag.negative_price': 'Unit price is negative',
  'flag.missing_product_name': 'Missing product name',
  'flag.duplicate_row': 'Exact duplicate row',
  'flag.invalid_utf8': 'Bytes that are not valid UTF-8 (replaced with �)',

  // ---- column roles ----------------------------------------------------------
  'role.customer_id': 'Customer ID',
  'role.order_id': 'Order number',
  'role.datetime': 'Date and time',
  'role.product_id': 'Product code',
  'role.product_name': 'Product name',
  'role.category': 'Category',
  'role.quantity': 'Quantity',
  'role.unit_price': 'Unit price',
  'role.amount': 'Amount',
  'role.region': 'Region',
  'role.store': 'Store / channel',
  'role.none': 'not used',
};
