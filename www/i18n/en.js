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

  // ---- import limits (views/limits.js) -----------------------------------
  'limits.title': 'Limits',
  'limits.hint':
    'What one file may cost to read, so that a hostile or broken file stops with a message instead of freezing this tab. Raise a limit only for a file you trust; the tab has 4 GB of memory at most.',
  'limits.maxDecompressedBytes': 'Bytes inflated from one gzip or ZIP file',
  'limits.maxEntryBytes': 'Bytes of one ZIP entry or workbook part',
  'limits.maxArchiveDepth': 'ZIP archives inside ZIP archives, levels',
  'limits.maxArchiveEntries': 'Entries in one ZIP archive or workbook',
  'limits.maxSheetCells': 'Cells of the sheet read',
  'limits.maxSharedStringBytes': 'Bytes of a workbook’s shared text',
  'limits.maxLineItems': 'Line items kept from one file',
  'limits.unit_mib': ' MiB',
  'limits.default': 'default {value}',
  'limits.reset': 'Reset to defaults',

  // ---- drop zone -----------------------------------------------------------
  'demo.try': 'Try the demo store',
  'demo.hint': 'A made-up shop with 5,000 customers over two years, generated on this computer.',
  'demo.title': 'Demo store',
  'demo.intro':
    'These files were generated in your browser (seed {seed}). Download them to show the upload flow, or to open them in a spreadsheet.',
  'demo.download': 'Download {name}',
  'demo.planted': 'Planted truth: archetypes, rules, a sequence and a city effect the analyses should find.',
  'status.demo': 'Generating the demo store…',
  'views.title': 'Analyses',
  'drop.title': 'Drop sales exports here',
  'drop.or': 'or',
  'drop.choose': 'Choose files',
  'drop.hint':
    'Read: CSV, TSV and text tables (.csv, .tsv, .txt), Excel workbooks (.xlsx, .xls), ZIP archives of these, and gzip-compressed files (.gz). Encodings: UTF-8, UTF-16, GBK/GB18030, Big5, Shift_JIS, Windows-1252 and others, detected automatically. Several files are combined into one analysis.',

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
  'ingest.no_header':
    'No header row was found. The first line of the file should name the columns (for example CustomerID, InvoiceDate, Amount).',
  'ingest.missing_role':
    'No column could be used as “{role}”. Columns found: {columns}. Rename the column or check that this is a sales export.',
  'ingest.missing_role.candidate':
    'No column could be used as “{role}”; the best candidate is the column “{candidate}”. Columns found: {columns}. Check its role in the Data import panel below and analyse again.',
  'ingest.missing_role.no_columns':
    'No column could be used as “{role}”, and no column names were found. Check that this is a sales export.',
  'ingest.unsupported_format':
    'This looks like {format}, which cannot be read here. Export the data as CSV (UTF-8) and drop that file instead.',
  'ingest.gzip_corrupt': 'The gzip file is damaged or incomplete ({detail}).',
  'ingest.record_too_large':
    'One record is too large ({bytes} bytes). The file may not be a table, or a quotation mark may be left open.',
  'internal.protocol': 'Internal error: the engine was called out of order ({detail}). Reload the page and try again.',
  'internal.bad_args': 'Internal error: the page sent {what} the engine cannot read ({detail}).',
  'demo.invalid_params': 'Demo parameter {field}: {detail}',
  'demo.io': 'The demo store could not be written ({detail}).',
  'internal.panic':
    'Internal error in the analysis engine ({detail}). The engine has been restarted; you can try again. Your file was not changed.',
  'internal.worker':
    'The analysis engine stopped unexpectedly ({detail}). Try again; if it keeps failing, reload the page.',
  'io.read_failed': 'The file could not be read ({detail}). It may have been moved or changed, or it is a folder.',

  // Formats named by `ingest.unsupported_format`.
  'format.zip': 'a ZIP archive',
  'format.xlsx': 'an Excel workbook (.xlsx)',
  'format.xls': 'an Excel 97–2003 workbook (.xls)',
  'format.pdf': 'a PDF document',
  'format.image': 'an image',
  'format.binary': 'a binary file',
  'format.utf-16': 'UTF-16 text',
  'format.json': 'a JSON file (not a table)',
  'format.html': 'a web page (HTML)',
  'format.xml': 'an XML file',
  'format.docx': 'a Word document',
  'format.xlsb': 'an Excel binary workbook (.xlsb)',
  'format.pptx': 'a PowerPoint presentation',
  'format.ods': 'an OpenDocument spreadsheet (.ods; save it as .xlsx, which is read)',
  'format.opendocument': 'an OpenDocument file that is not a spreadsheet',
  'ingest.archive':
    'This {format} could not be opened ({detail}). It may be damaged or password-protected; save it again or export the data as CSV.',
  'ingest.no_such_sheet': 'The workbook has no sheet named “{sheet}”. Its sheets are: {sheets}.',
  'ingest.limit_exceeded':
    'Reading this file would pass the limit {limit} ({value}), which keeps this tab within its memory. It may be a decompression bomb or a damaged file. If the file is genuine, raise {limit} under “Limits” below the drop zone and read it again, or split it into smaller files (the command-line tool takes --file-options with \"limits\").',
  // Normally never shown: the worker loads the full reader and reads the file again.
  'ingest.needs_full_reader':
    'This file needs the full reader ({reader}), which could not be loaded. Reload the page and try again.',
  'ingest.unknown_encoding':
    '“{label}” is not a text encoding Clientele knows. Try UTF-8, GBK, GB18030, Big5 or UTF-16LE.',
  'ingest.header_row_out_of_range':
    'The header row is set to row {row}, but it can only be one of rows 1 to {last}. Set a row the file has, or clear the setting to detect it.',
  'ingest.too_many_fields':
    'A row near the top has {fields} fields, more than the {max} a header row may have. This is probably not a table with a header.',

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
  'ov.guest_orders': 'of which guest orders (no customer ID)',
  'ov.guest_sales': 'of which guest sales (no customer ID)',
  'ov.gross_sales': 'Gross sales',
  'ov.returns': 'Returns',
  'ov.net_revenue': 'Net revenue',
  'ov.first': 'First sale',
  'ov.last': 'Last sale',

  'ov.dropped.title': 'Rows dropped, by reason',
  'ov.dropped.none': 'No rows were dropped.',
  'ov.flagged.title': 'Flagged conditions',
  'ov.flagged.caption':
    'A row can have several conditions, so these counts overlap and do not add up. A flagged row is not necessarily dropped.',
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
  'file.kind': 'File type',
  'file_kind.sales': 'Sales lines',
  'file_kind.customers': 'Customer attributes (joined by customer ID)',
  'file.match.matched': 'Customers also in the sales',
  'file.match.only_in_file': 'Customers with no sales',
  'file.match.only_in_sales': 'Sales customers missing from this file',
  'file.customer_rows': 'Rows used as customer attributes',
  'file.guest_rows': 'Rows kept as guest sales (no customer ID)',
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
  'defs.in_file':
    '“In the file” figures count every row that has the value, including rows that were dropped or flagged.',

  // ---- drop reasons (rows removed from the analysis) -------------------------
  'reason.title_row': 'Title or note line above the header',
  'reason.unclosed_quote':
    'Quotation mark never closed, or closed only more than 100 lines later (the lines after it were read on their own)',
  'reason.total_row': 'Totals line (合计 / Total)',
  'reason.unpaid_or_cancelled': 'Order cancelled, closed or never paid',
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
  'flag.refunded': 'Refunded (kept as a sale plus a return)',
  'flag.masked_customer_id': 'Masked customer ID (138****1234): identity is approximate',

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
  'role.discount': 'Discount',
  'role.cost': 'Cost',
  'role.status': 'Order status',
  'role.refund_amount': 'Refund amount',
  'role.city': 'City',
  'role.gender': 'Gender',
  'role.age': 'Age or birthday',
  'role.member_level': 'Member level',
  'role.join_date': 'Join date',
  'role.none': 'not used',

  // ---- data import (mapping) panel -------------------------------------------
  'map.title': 'Data import',
  'map.intro':
    'How each file was read. Check the encoding and the column roles; change anything that is wrong and apply to analyse again.',
  'map.saved_applied': 'Saved mapping applied: these files match a mapping you chose to remember.',
  'map.apply': 'Apply and analyse again',
  'map.apply_hint': 'Only the settings you change are sent; the files are read again on this computer.',
  'map.mojibake':
    'Some text could not be decoded as {encoding}, so it may be garbled (mojibake). Try another encoding, for example GB18030 or GBK for Chinese files, Big5 for traditional Chinese.',
  'map.fix_roles':
    'A sales file needs a date (or, for baskets, an order number and an item). A customer ID and an amount (or quantity and unit price) enable the customer and money analyses. Choose the columns below, then apply.',
  'map.remember': 'Remember this mapping for files like this (settings only, never data)',
  'map.encoding_detected': 'Encoding: {encoding} ({how})',
  'map.detection.bom': 'from the byte-order mark',
  'map.detection.nul_pattern': 'from the pattern of zero bytes',
  'map.detection.valid_utf8': 'the text is valid UTF-8',
  'map.detection.guessed': 'guessed from the content',
  'map.detection.user_choice': 'chosen by you',
  'map.detection.workbook': 'a workbook: cells are already Unicode',
  'map.auto': 'automatic',
  'map.encoding': 'Encoding',
  'map.delimiter': 'Delimiter',
  'map.delimiter.comma': 'comma ( , )',
  'map.delimiter.semicolon': 'semicolon ( ; )',
  'map.delimiter.pipe': 'vertical bar ( | )',
  'map.delimiter.tab': 'tab',
  'map.delimiter.whitespace': 'aligned with spaces',
  'map.header_row': 'Header row',
  'map.no_header': 'The file has no header row (every line is data; roles are guessed from the values)',
  'map.date_order': 'Dates like 1/12/2010',
  'map.date_order.month_first': 'month first (Jan 12)',
  'map.date_order.day_first': 'day first (1 Dec)',
  'map.date_evidence':
    'Values that decide: {month_first} month-first, {day_first} day-first; {ambiguous} could be either.',
  'map.decimal_comma': 'Comma is the decimal mark (1.234,56)',
  'map.keep_zero_price':
    'Keep zero-price lines (free gifts, promotions) as purchases worth 0; by default they are dropped and counted',
  'map.sheet': 'Sheet',
  'map.role_for': 'Role of column {column}',
  'map.samples': 'Sample values',
  'map.confidence': 'Confidence',
  'map.set_by_you': 'set by you',
  'map.guess_pct': 'guess, {pct}%',
  'map.guess_role': 'looks like {role}? (guess, {pct}%)',
  'map.suggested': 'suggested',
  'map.candidate':
    'Best candidate for “{role}”: the column “{column}” (highlighted below). Its role is set to “{role}”; check the samples, change any role, then apply.',
  'map.candidate_mark': 'best candidate for “{role}”',
  'map.doubtful': 'doubtful: check this role',
  // ---- what the data allows (overview.allows; the customer tabs' "needs" cards) -------
  'analysis.needs_customer_id':
    '{analysis} needs a customer ID column (such as “CustomerID” or “会员卡号”). This data has none: every line is a guest line. Add or map a customer column to enable it.',
  'analysis.needs_amount':
    '{analysis} needs an amount column (such as “Amount” or “实付金额”) or a unit price. This data has none: purchases are counted, but not as money.',
  'analysis.needs_date': '{analysis} needs a date column (such as “InvoiceDate” or “下单时间”). This data has none.',
  'analysis.needs_items':
    '{analysis} needs item lines (a product column, one row per item). This data has none, or has one row per order.',
  'ov.allows.title': 'What this data allows',
  'ov.allows.caption': 'Each analysis, and the columns that would enable the ones this data cannot feed.',
  'ov.allows.yes': 'Available',
  'ov.allows.needs': 'Needs {columns}',
  'ov.no_money': 'needs an amount',
  'col.analysis': 'Analysis',
  'col.allowed': 'With this data',
  'needs.title': 'Not available for this data',
  'needs.enable': 'Would be enabled by: {columns}.',
  'allows.overview': 'Overview (rows, orders, lines)',
  'allows.revenue': 'Revenue (sales, returns, net)',
  'allows.monthly': 'Monthly series',
  'allows.rules': 'Baskets and association rules',
  'allows.sequences': 'Sequences (A, then B)',
  'allows.rfm': 'RFM with monetary (named segments)',
  'allows.rf_segments': 'Recency × frequency segments',
  'allows.value_tiers': 'Value tiers',
  'allows.deciles': 'Deciles and Pareto',
  'allows.quadrant': 'Loyalty × profitability quadrant',
  'allows.lifecycle': 'Lifecycle and migration',
  'allows.cohorts': 'Cohorts',
  'allows.clusters': 'Clusters',
  'allows.profiles': 'Attribute profiles',
  'allows.clv_counts': 'Expected purchases, P(alive) (BG/NBD)',
  'allows.clv_money': 'Spend and CLV in money (Gamma-Gamma)',
  'role.paid_time': 'Payment time',
};
