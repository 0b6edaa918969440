//! The recipes: SQL that turns a warehouse's `sales_lines` into the summary files.
//!
//! The input is a relation `sales_lines` whose columns carry Clientele's role names (the ones
//! `--file-options` uses): `order_id, customer_id, datetime, product_id, product_name, category,
//! quantity, unit_price, amount, region, status, refund_amount, cost, discount`. The ones the
//! relation lacks are named by [`RecipeOptions::columns`] (they read as NULL).
//!
//! ## Semantics (the same as ingest's, row by row)
//!
//! Each line gets one disposition, the first that applies, as ingest's drop-reason ladder
//! (`crate::ingest` rows):
//! 1. no date-time, or a year outside 1900–2100 → `bad_date`;
//! 2. a quantity (when the column exists), a unit price (or the amount, when there is an amount
//!    column) that is NULL, or any of them or the line amount beyond ±10¹⁵ → `bad_number`;
//! 3. a status that says the order was cancelled, closed or never paid (`cancel`, `voided`,
//!    `交易关闭`, `待付款`…), unless refunded → `unpaid_or_cancelled`;
//! 4. a negative unit price (or amount, without a unit price column) → `negative_price`;
//! 5. a zero one → `zero_price`, unless `keep_zero_price` (then a purchase worth 0);
//! 6. a zero quantity → `zero_quantity`;
//! 7. else a **return** when the order id is a cancellation (`C` then digits, as Online Retail's
//!    `C536379`), the status is a return document (`return`, `refund`, `SELL_RETURN`, `退货`), the
//!    quantity is negative, or (without a quantity column) the amount is negative; else a
//!    **purchase**. A refunded purchase (status `refunded`, or a positive `refund_amount`) also
//!    makes a return line for the money that went back.
//!
//! The line amount is the amount column when there is one, else quantity × unit price less the
//! line discount. Returns are stored negative (quantity, amount, discount and cost). A line
//! without a customer id is a **guest** line: kept for revenue and baskets, skipped by customer
//! analyses. Without an order id, an order is a customer's calendar day
//! (`customer|YYYY-MM-DD`, as ingest keys it). `discount` is the money off the line and `cost` the
//! cost of the goods on the line (ingest also reads per-unit costs when the header says so; a
//! warehouse states it: multiply before the recipe). Both conventions come from the same files:
//! the `part` column keeps apart the purchase lines with a positive quantity and amount
//! (`purchase`, all the tutorial convention counts) from the others (`purchase_other`).
//!
//! Baskets: the purchase lines with a product (the product id, else its name), one basket per
//! order (per customer-day without order ids, guests then left out), items distinct. The
//! minimum count is `ceil(support × baskets)` (a product within 1e-9 of an integer is that
//! integer), or the support itself above 1, as [`crate::basket::MinSupport::min_count`]; the
//! itemsets are mined level by level (Apriori: a frequent itemset's prefix is frequent), up to
//! `max_len` items. On Spark the same SQL runs in Spark SQL; the script that
//! `--engine spark --script` prints runs the customer tables' SQL and mines the itemsets with
//! `pyspark.ml.fpm.FPGrowth` (the same itemsets and counts).

use std::fmt::Write as _;

/// The engines a recipe is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    DuckDb,
    Spark,
    Postgres,
    BigQuery,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::DuckDb => "duckdb",
            Engine::Spark => "spark",
            Engine::Postgres => "postgres",
            Engine::BigQuery => "bigquery",
        }
    }
}

/// Every optional role a `sales_lines` relation may carry.
pub const ROLES: [&str; 14] = [
    "order_id",
    "customer_id",
    "datetime",
    "product_id",
    "product_name",
    "category",
    "quantity",
    "unit_price",
    "amount",
    "region",
    "status",
    "refund_amount",
    "cost",
    "discount",
];

/// What the recipe is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipeOptions {
    pub engine: Engine,
    /// Minimum support of the itemsets: a share in (0, 1], or a basket count above 1.
    pub min_support: f64,
    /// Longest itemset mined.
    pub max_len: usize,
    /// Analysis date of the customers file's windows (`YYYY-MM-DD`); default the last line + 1 day.
    pub as_of: Option<String>,
    /// Keep zero-price lines as purchases worth 0.
    pub keep_zero_price: bool,
    /// The columns `sales_lines` has (role names).
    pub columns: Vec<String>,
    /// Length of the recent and previous spend windows, days.
    pub window_days: u32,
}

impl Default for RecipeOptions {
    fn default() -> Self {
        RecipeOptions {
            engine: Engine::DuckDb,
            min_support: 0.01,
            max_len: 6,
            as_of: None,
            keep_zero_price: false,
            columns: ["order_id", "customer_id", "datetime", "product_id", "quantity", "unit_price"]
                .map(String::from)
                .to_vec(),
            window_days: 90,
        }
    }
}

/// The words of a dialect.
struct Dialect {
    text: &'static str,
    double: &'static str,
    timestamp: &'static str,
    temp: &'static str,
    fmt_time: fn(&str) -> String,
    fmt_day: fn(&str) -> String,
    fmt_month: fn(&str) -> String,
    full_match: fn(&str, &str) -> String,
    collate: &'static str,
    year: fn(&str) -> String,
    days: fn(&str, u32) -> String,
}

fn dialect(e: Engine) -> Dialect {
    match e {
        Engine::DuckDb => Dialect {
            text: "VARCHAR",
            double: "DOUBLE",
            timestamp: "TIMESTAMP",
            temp: "CREATE OR REPLACE TEMP TABLE",
            fmt_time: |x| format!("strftime({x}, '%Y-%m-%d %H:%M:%S')"),
            fmt_day: |x| format!("strftime({x}, '%Y-%m-%d')"),
            fmt_month: |x| format!("strftime({x}, '%Y-%m')"),
            full_match: |x, re| format!("regexp_full_match({x}, '{re}')"),
            collate: "",
            year: |x| format!("year({x})"),
            days: |x, n| format!("({x} - INTERVAL {n} DAY)"),
        },
        Engine::Postgres => Dialect {
            text: "TEXT",
            double: "DOUBLE PRECISION",
            timestamp: "TIMESTAMP",
            temp: "CREATE TEMP TABLE",
            fmt_time: |x| format!("to_char({x}, 'YYYY-MM-DD HH24:MI:SS')"),
            fmt_day: |x| format!("to_char({x}, 'YYYY-MM-DD')"),
            fmt_month: |x| format!("to_char({x}, 'YYYY-MM')"),
            full_match: |x, re| format!("({x} ~ '^{re}$')"),
            collate: " COLLATE \"C\"",
            year: |x| format!("EXTRACT(YEAR FROM {x})"),
            days: |x, n| format!("({x} - INTERVAL '{n} days')"),
        },
        Engine::BigQuery => Dialect {
            text: "STRING",
            double: "FLOAT64",
            timestamp: "DATETIME",
            temp: "CREATE TEMP TABLE",
            fmt_time: |x| format!("FORMAT_DATETIME('%Y-%m-%d %H:%M:%S', {x})"),
            fmt_day: |x| format!("FORMAT_DATETIME('%Y-%m-%d', {x})"),
            fmt_month: |x| format!("FORMAT_DATETIME('%Y-%m', {x})"),
            full_match: |x, re| format!("REGEXP_CONTAINS({x}, r'^{re}$')"),
            collate: "",
            year: |x| format!("EXTRACT(YEAR FROM {x})"),
            days: |x, n| format!("DATETIME_SUB({x}, INTERVAL {n} DAY)"),
        },
        Engine::Spark => Dialect {
            text: "STRING",
            double: "DOUBLE",
            // Wall-clock time, as ingest reads it: no session time zone shifts a day or a month.
            timestamp: "TIMESTAMP_NTZ",
            temp: "CREATE OR REPLACE TEMPORARY VIEW",
            fmt_time: |x| format!("date_format({x}, 'yyyy-MM-dd HH:mm:ss')"),
            fmt_day: |x| format!("date_format({x}, 'yyyy-MM-dd')"),
            fmt_month: |x| format!("date_format({x}, 'yyyy-MM')"),
            full_match: |x, re| format!("({x} RLIKE '^{re}$')"),
            collate: "",
            year: |x| format!("year({x})"),
            days: |x, n| format!("({x} - INTERVAL {n} DAYS)"),
        },
    }
}

/// The summary tables the recipe makes, in the order written, with their file names.
pub const OUTPUTS: [(&str, &str); 5] = [
    ("clientele_meta", "clientele_meta.csv"),
    ("clientele_orders", "clientele_orders.csv"),
    ("clientele_customers", "clientele_customers.csv"),
    ("clientele_monthly", "clientele_monthly.csv"),
    ("clientele_itemsets", "clientele_itemsets.csv"),
];

/// The recipe for `o.engine`: SQL statements separated by `;`, with the semantics above as a
/// comment at its head. DuckDB's ends with `COPY … TO 'clientele_*.csv'`; the others leave
/// tables `clientele_*` and say in a comment how to write them out.
pub fn recipe(o: &RecipeOptions) -> String {
    let d = dialect(o.engine);
    let has = |c: &str| o.columns.iter().any(|x| x == c);
    let col = |c: &str, ty: &str| if has(c) { format!("CAST({c} AS {ty})") } else { format!("CAST(NULL AS {ty})") };
    let text = |c: &str| {
        if has(c) {
            format!("NULLIF(TRIM(CAST({c} AS {})), '')", d.text)
        } else {
            format!("CAST(NULL AS {})", d.text)
        }
    };
    let (tbl, dbl) = (d.temp, d.double);
    let mut s = String::new();
    let _ = writeln!(s, "-- Clientele warehouse recipe {} for {}.", crate::VERSION, o.engine.name());
    for line in SEMANTICS.lines() {
        let _ = writeln!(s, "-- {line}");
    }
    let _ = writeln!(s, "-- sales_lines columns used: {}.", o.columns.join(", "));
    let _ = writeln!(s);
    // 1. Typed cells.
    let _ = writeln!(
        s,
        "{tbl} clientele_typed AS\nSELECT\n  {} AS customer,\n  {} AS order_ref,\n  {} AS ts,\n  COALESCE({}, {}) AS product,\n  {} AS q,\n  {} AS p,\n  {} AS a_col,\n  ABS({}) AS d,\n  ABS({}) AS cost_v,\n  {} AS refund,\n  LOWER(TRIM({})) AS status\nFROM sales_lines;\n",
        text("customer_id"),
        text("order_id"),
        col("datetime", d.timestamp),
        text("product_id"),
        text("product_name"),
        col("quantity", dbl),
        col("unit_price", dbl),
        col("amount", dbl),
        col("discount", dbl),
        col("cost", dbl),
        col("refund_amount", dbl),
        text("status"),
    );
    // 2. The disposition of every line.
    let amount = if has("amount") {
        "a_col".to_owned()
    } else if !has("unit_price") {
        "CAST(0 AS DOUBLE_T)".replace("DOUBLE_T", dbl)
    } else if !has("quantity") {
        "p".to_owned()
    } else {
        "(q * p - SIGN(q * p) * COALESCE(d, 0))".to_owned()
    };
    let price_sign = if has("unit_price") { "p" } else { "ABS(a_col)" };
    let numbers_ok = {
        let mut c = vec!["amt IS NOT NULL".to_owned(), "ABS(amt) <= 1e15".to_owned()];
        if has("quantity") {
            c.push("q IS NOT NULL AND ABS(q) <= 1e15".into());
        }
        if has("amount") {
            c.push("a_col IS NOT NULL".into());
        } else if has("unit_price") {
            c.push("p IS NOT NULL AND ABS(p) <= 1e15".into());
        }
        c.join(" AND ")
    };
    let like_any =
        |words: &[&str]| words.iter().map(|w| format!("status LIKE '%{w}%'")).collect::<Vec<_>>().join(" OR ");
    let status = format!(
        "CASE WHEN status IS NULL OR status = '-' THEN 'normal'\n    WHEN {} THEN 'partly_refunded'\n    WHEN status IN ('refund', 'return', '退单') OR {} THEN 'return_document'\n    WHEN {} THEN 'refunded'\n    WHEN {} THEN 'not_a_sale'\n    ELSE 'normal' END",
        like_any(&["partially_refunded", "partially refunded", "部分退款"]),
        like_any(&["sell_return", "退货", "退貨"]),
        like_any(&["refunded", "退款成功", "已退款", "全额退款"]),
        like_any(&["cancel", "voided", "交易关闭", "已关闭", "已取消", "等待买家付款", "待付款", "未付款", "交易關閉"]),
    );
    let zero = if o.keep_zero_price { "FALSE".to_owned() } else { format!("{price_sign} = 0") };
    let cancelled = (d.full_match)("order_ref", "[Cc][0-9]+");
    let no_q_negative = if has("quantity") { "FALSE".to_owned() } else { "amt < 0".to_owned() };
    let _ = writeln!(
        s,
        "{tbl} clientele_classified AS\nSELECT v.*,\n  CASE\n    WHEN ts IS NULL OR {year} < 1900 OR {year} > 2100 THEN 'bad_date'\n    WHEN NOT ({numbers_ok}) THEN 'bad_number'\n    WHEN st = 'not_a_sale' AND NOT refunded THEN 'unpaid_or_cancelled'\n    WHEN {price_sign} < 0 THEN 'negative_price'\n    WHEN {zero} THEN 'zero_price'\n    WHEN q = 0 THEN 'zero_quantity'\n    WHEN COALESCE({cancelled}, FALSE) OR st = 'return_document' OR q < 0 OR {no_q_negative} THEN 'return'\n    ELSE 'purchase' END AS disposition\nFROM (\n  SELECT t.*, {amount} AS amt, st0 AS st,\n    (st0 IN ('refunded', 'partly_refunded') OR COALESCE(refund > 0, FALSE)) AS refunded\n  FROM (SELECT *, {status_inline} AS st0 FROM clientele_typed) t\n) v;\n",
        year = (d.year)("ts"),
        status_inline = status,
    );
    // 3. The kept lines, as ingest stores them (returns negative), plus refund lines.
    let day = (d.fmt_day)("ts");
    let order_key = format!("COALESCE(order_ref, COALESCE(customer, '') || '|' || {day})");
    let _ = writeln!(
        s,
        "{tbl} clientele_kept AS\nSELECT customer, {order_key} AS order_key, ts, product,\n  CASE WHEN disposition = 'return' THEN 'return'\n       WHEN COALESCE(ABS(q), 1) > 0 AND amt > 0 THEN 'purchase' ELSE 'purchase_other' END AS part,\n  CASE WHEN disposition = 'return' THEN -COALESCE(ABS(q), 1) ELSE COALESCE(ABS(q), 1) END AS quantity,\n  CASE WHEN disposition = 'return' THEN -ABS(amt) ELSE amt END AS amount,\n  CASE WHEN disposition = 'return' THEN -COALESCE(d, 0) ELSE COALESCE(d, 0) END AS discount,\n  CASE WHEN disposition = 'return' THEN -cost_v ELSE cost_v END AS cost\nFROM clientele_classified WHERE disposition IN ('purchase', 'return')\nUNION ALL\nSELECT customer, {order_key}, ts, product, 'return',\n  -COALESCE(ABS(q), 1) * back / ABS(amt), -back, -COALESCE(d, 0) * back / ABS(amt), -cost_v * back / ABS(amt)\nFROM (SELECT *, CASE WHEN refund > 0 THEN LEAST(refund, ABS(amt)) WHEN st = 'refunded' THEN ABS(amt) ELSE 0 END AS back\n      FROM clientele_classified WHERE disposition = 'purchase' AND refunded) r\nWHERE back > 0;\n",
    );
    // 4. The orders file: one row per customer, order, time and part.
    let _ = writeln!(
        s,
        "{tbl} clientele_orders AS\nSELECT customer AS customer_id, order_key AS order_id, {} AS datetime, part,\n  COUNT(*) AS lines, SUM(quantity) AS quantity, SUM(amount) AS amount,\n  SUM(CASE WHEN discount > 0 THEN discount ELSE 0 END) AS discount,\n  SUM(CASE WHEN discount > 0 THEN 1 ELSE 0 END) AS discounted_lines,\n  SUM(CASE WHEN cost IS NOT NULL THEN amount - cost ELSE 0 END) AS margin,\n  SUM(CASE WHEN cost IS NULL THEN 1 ELSE 0 END) AS lines_without_cost\nFROM clientele_kept\nGROUP BY customer, order_key, ts, part\nUNION ALL\nSELECT DISTINCT customer, CAST(NULL AS {text}), CAST(NULL AS {text}), 'seen', 0, 0, 0, 0, 0, 0, 0\nFROM clientele_typed t\nWHERE customer IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clientele_kept k WHERE k.customer = t.customer);\n",
        (d.fmt_time)("ts"),
        text = d.text,
    );
    // 5. Customers (net convention facts at the analysis date) and monthly activity.
    let as_of = match &o.as_of {
        Some(a) => format!("CAST('{}' AS {})", a.replace('\'', ""), d.timestamp),
        None => format!("(SELECT MAX(ts) FROM clientele_kept) + INTERVAL {}", one_day(o.engine)),
    };
    let w = o.window_days.max(1);
    let (recent, previous) = ((d.days)("a.as_of", w), (d.days)("a.as_of", 2 * w));
    let _ = writeln!(
        s,
        "{tbl} clientele_customers AS\nSELECT customer AS customer_id,\n  {} AS first_purchase,\n  {} AS last_purchase,\n  COUNT(DISTINCT CASE WHEN part <> 'return' THEN order_key END) AS orders,\n  COUNT(DISTINCT CASE WHEN part <> 'return' THEN {} END) AS purchase_days,\n  SUM(CASE WHEN part <> 'return' THEN amount ELSE 0 END) AS gross,\n  SUM(CASE WHEN part = 'return' THEN amount ELSE 0 END) AS returns,\n  SUM(amount) AS net,\n  SUM(cost) AS cost,\n  SUM(CASE WHEN discount > 0 THEN discount ELSE 0 END) AS discount,\n  COUNT(*) AS lines,\n  SUM(CASE WHEN ts >= {recent} THEN amount ELSE 0 END) AS spend_recent,\n  SUM(CASE WHEN ts >= {previous} AND ts < {recent} THEN amount ELSE 0 END) AS spend_previous\nFROM clientele_kept k CROSS JOIN (SELECT {as_of} AS as_of) a\nWHERE customer IS NOT NULL AND ts < a.as_of\nGROUP BY customer;\n",
        (d.fmt_time)("MIN(CASE WHEN part <> 'return' THEN ts END)"),
        (d.fmt_time)("MAX(CASE WHEN part <> 'return' THEN ts END)"),
        day,
    );
    let _ = writeln!(
        s,
        "{tbl} clientele_monthly AS\nSELECT customer AS customer_id, {} AS month,\n  COUNT(DISTINCT CASE WHEN part <> 'return' THEN order_key END) AS orders,\n  SUM(CASE WHEN part <> 'return' THEN amount ELSE 0 END) AS gross,\n  SUM(CASE WHEN part = 'return' THEN amount ELSE 0 END) AS returns\nFROM clientele_kept WHERE customer IS NOT NULL\nGROUP BY customer, {};\n",
        (d.fmt_month)("ts"),
        (d.fmt_month)("ts"),
    );
    // 6. Baskets and itemsets, level by level.
    let guests = if has("order_id") { "" } else { " AND customer IS NOT NULL" };
    let _ = writeln!(
        s,
        "{tbl} clientele_basket_items AS\nSELECT DISTINCT order_key AS basket, product AS item, customer IS NULL AS guest\nFROM clientele_kept WHERE part <> 'return' AND product IS NOT NULL{guests};\n"
    );
    let min_count = if o.min_support > 1.0 {
        format!("{}", o.min_support.floor().min(u32::MAX as f64) as u64)
    } else {
        let x = format!("({:?} * n)", o.min_support);
        format!("GREATEST(CASE WHEN ABS({x} - ROUND({x})) <= 1e-9 * GREATEST(ROUND({x}), 1) THEN ROUND({x}) ELSE CEIL({x}) END, 1)")
    };
    let int = if o.engine == Engine::BigQuery { "INT64" } else { "BIGINT" };
    let _ = writeln!(
        s,
        "{tbl} clientele_support AS\nSELECT n AS baskets, CAST({min_count} AS {int}) AS min_count, g AS guest_baskets\nFROM (SELECT COUNT(DISTINCT basket) AS n, COUNT(DISTINCT CASE WHEN guest THEN basket END) AS g FROM clientele_basket_items) b;\n"
    );
    let c = d.collate;
    let _ = writeln!(
        s,
        "{tbl} clientele_items AS\nSELECT item, n, ROW_NUMBER() OVER (ORDER BY item{c}) AS id FROM (\n  SELECT item, COUNT(*) AS n FROM clientele_basket_items GROUP BY item\n  HAVING COUNT(*) >= (SELECT min_count FROM clientele_support)) x;\n"
    );
    // The frequent items get integer ids (in byte order of their names), so the levels join integers.
    let _ = writeln!(s, "{tbl} clientele_f1 AS\nSELECT id AS i1, n FROM clientele_items;\n");
    let _ = writeln!(
        s,
        "{tbl} clientele_bf AS\nSELECT b.basket, f.id AS item FROM clientele_basket_items b JOIN clientele_items f ON b.item = f.item;\n"
    );
    let max_len = o.max_len.max(1);
    // Level k from the baskets' occurrences of the frequent (k − 1)-itemsets, each extended by
    // the basket's later frequent items; the occurrences of the frequent k-itemsets feed level
    // k + 1 (so the work shrinks with the itemsets).
    let _ = writeln!(s, "{tbl} clientele_occ1 AS\nSELECT basket, item AS i1 FROM clientele_bf;\n");
    for k in 2..=max_len {
        let prev: Vec<String> = (1..k).map(|i| format!("o.i{i}")).collect();
        let all: Vec<String> = (1..=k).map(|i| format!("i{i}")).collect();
        let _ = writeln!(
            s,
            "{tbl} clientele_cand{k} AS\nSELECT o.basket, {}, b.item AS i{k}\nFROM clientele_occ{} o JOIN clientele_bf b ON b.basket = o.basket AND b.item > o.i{};\n",
            prev.join(", "),
            k - 1,
            k - 1,
        );
        let _ = writeln!(
            s,
            "{tbl} clientele_f{k} AS\nSELECT {}, COUNT(*) AS n FROM clientele_cand{k}\nGROUP BY {}\nHAVING COUNT(*) >= (SELECT min_count FROM clientele_support);\n",
            all.join(", "),
            all.join(", "),
        );
        if k < max_len {
            let on: Vec<String> = (1..=k).map(|i| format!("f.i{i} = c.i{i}")).collect();
            let _ = writeln!(
                s,
                "{tbl} clientele_occ{k} AS\nSELECT c.* FROM clientele_cand{k} c JOIN clientele_f{k} f ON {};\n",
                on.join(" AND "),
            );
        }
    }
    let mut union = Vec::new();
    for k in 1..=max_len {
        let items: Vec<String> = (1..=max_len)
            .map(|i| {
                if i <= k {
                    format!("t{i}.item AS item_{i}")
                } else {
                    format!("CAST(NULL AS {}) AS item_{i}", d.text)
                }
            })
            .collect();
        let joins: String = (1..=k).map(|i| format!(" JOIN clientele_items t{i} ON t{i}.id = f.i{i}")).collect();
        union.push(format!("SELECT f.n AS itemset_count, {} FROM clientele_f{k} f{joins}", items.join(", ")));
    }
    let _ = writeln!(s, "{tbl} clientele_itemsets AS\n{};\n", union.join("\nUNION ALL\n"));
    // 7. Meta: the engine, the settings and the counts.
    let flag = |b: bool| if b { "true" } else { "false" };
    let mut meta: Vec<(String, String)> = vec![
        ("'engine'".into(), format!("'{}'", o.engine.name())),
        ("'recipe_version'".into(), format!("'{}'", crate::VERSION)),
        ("'min_support'".into(), format!("'{}'", o.min_support)),
        ("'max_len'".into(), format!("'{max_len}'")),
        ("'keep_zero_price'".into(), format!("'{}'", flag(o.keep_zero_price))),
        ("'has_order_id'".into(), format!("'{}'", flag(has("order_id")))),
        ("'has_product'".into(), format!("'{}'", flag(has("product_id") || has("product_name")))),
        ("'has_cost'".into(), format!("'{}'", flag(has("cost")))),
        ("'has_discount'".into(), format!("'{}'", flag(has("discount")))),
        ("'unpriced'".into(), format!("'{}'", flag(!has("amount") && !has("unit_price")))),
    ];
    let cast = |x: &str| format!("CAST({x} AS {})", d.text);
    meta.push(("'baskets'".into(), cast("(SELECT baskets FROM clientele_support)")));
    meta.push(("'min_count'".into(), cast("(SELECT min_count FROM clientele_support)")));
    meta.push(("'guest_baskets'".into(), cast("(SELECT guest_baskets FROM clientele_support)")));
    meta.push((
        "'complete'".into(),
        format!("CASE WHEN (SELECT COUNT(*) FROM clientele_itemsets WHERE item_{max_len} IS NOT NULL) = 0 THEN 'true' ELSE 'false' END"),
    ));
    let mut rows: Vec<String> =
        meta.iter().map(|(k, v)| format!("SELECT {k} AS clientele_meta_key, {v} AS value")).collect();
    rows.push(format!(
        "SELECT 'lines_' || disposition, {} FROM clientele_classified GROUP BY disposition",
        cast("COUNT(*)")
    ));
    let _ = writeln!(s, "{tbl} clientele_meta AS\n{};\n", rows.join("\nUNION ALL\n"));
    // 8. Writing the files.
    match o.engine {
        Engine::DuckDb => {
            for (t, f) in OUTPUTS {
                let _ = writeln!(s, "COPY (SELECT * FROM {t} ORDER BY ALL) TO '{f}' (HEADER, DELIMITER ',');");
            }
        }
        Engine::Postgres => {
            let _ = writeln!(s, "-- Write the files from psql (the tables are temporary: run in the same session):");
            for (t, f) in OUTPUTS {
                let _ = writeln!(s, "--   \\copy {t} TO '{f}' CSV HEADER");
            }
        }
        Engine::BigQuery => {
            let _ = writeln!(
                s,
                "-- Write the files: in the same script, for each table, EXPORT DATA OPTIONS (uri = 'gs://BUCKET/clientele_orders-*.csv', format = 'CSV', header = true, overwrite = true) AS SELECT * FROM clientele_orders; then concatenate each table's parts keeping one header, and name them:"
            );
            for (t, f) in OUTPUTS {
                let _ = writeln!(s, "--   {t} → {f}");
            }
        }
        Engine::Spark => {
            let _ = writeln!(s, "-- Write the files: `clientele warehouse sql --engine spark --script` prints a PySpark script that runs this SQL and writes them.");
        }
    }
    s
}

fn one_day(e: Engine) -> &'static str {
    match e {
        Engine::Postgres => "'1 day'",
        Engine::Spark => "1 DAYS",
        _ => "1 DAY",
    }
}

/// The recipe's views that the Spark script leaves out: the SQL levels of the itemsets, which
/// the script mines with `pyspark.ml.fpm.FPGrowth` instead.
fn mined_by_fpgrowth(view: &str) -> bool {
    let level = |p: &str| view.strip_prefix(p).is_some_and(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()));
    ["clientele_items", "clientele_bf", "clientele_itemsets"].contains(&view)
        || ["clientele_f", "clientele_occ", "clientele_cand"].iter().any(|p| level(p))
}

/// A PySpark script that runs the Spark recipe on a table or file and writes the summary files
/// (one CSV per table, written through the driver so that each is one file, its rows in the
/// order of the DuckDB recipe's `ORDER BY ALL`). The customer
/// tables come from the recipe's SQL; the frequent itemsets from `pyspark.ml.fpm.FPGrowth` on
/// the same baskets (one row per basket, its distinct items), at the recipe's minimum count,
/// up to `max_len` items, each itemset's items in byte order as the SQL writes them.
pub fn spark_script(o: &RecipeOptions) -> String {
    let max_len = o.max_len.max(1);
    let sql = recipe(&RecipeOptions { engine: Engine::Spark, max_len, ..o.clone() });
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for st in sql.split(";\n") {
        let st: String = st.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n");
        let st = st.trim();
        if st.is_empty() {
            continue;
        }
        let view = st.split_whitespace().nth(5).unwrap_or("").to_owned();
        if mined_by_fpgrowth(&view) {
            continue;
        }
        if view == "clientele_meta" { &mut after } else { &mut before }.push((view, st.to_owned()));
    }
    let list = |v: &[(String, String)]| -> String {
        v.iter().map(|(name, st)| format!("    ({name:?}, {st:?}),\n")).collect()
    };
    let items: String = (1..=max_len).map(|i| format!(", get(items, {}) AS item_{i}", i - 1)).collect();
    format!(
        r#"#!/usr/bin/env python3
"""Clientele warehouse recipe {version} for Spark: runs the recipe's SQL on `sales_lines`, mines
the frequent itemsets with pyspark.ml.fpm.FPGrowth, and writes clientele_*.csv into the working
directory.

Usage: spark-submit clientele_spark.py SALES_LINES.parquet|.csv
  (columns named by Clientele's roles: order_id, customer_id, datetime, product_id, quantity,
  unit_price...; a CSV is read as text with a header, the recipe casts), or register a view
  `sales_lines` in the session first and run the script with no argument.
"""
import csv
import sys

from pyspark.ml.fpm import FPGrowth
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("clientele").getOrCreate()
if len(sys.argv) > 1:
    path = sys.argv[1]
    reader = spark.read.option("header", True).option("escape", '"')
    df = reader.parquet(path) if path.endswith(".parquet") else reader.csv(path)
    df.createOrReplaceTempView("sales_lines")

# The customer tables: the recipe's SQL. The views read more than once are cached.
SQL = [
{before}]
CACHED = {{"clientele_classified", "clientele_kept", "clientele_basket_items"}}
for name, statement in SQL:
    spark.sql(statement)
    if name in CACHED:
        spark.sql("CACHE TABLE " + name)

# The frequent itemsets: FP-growth on the baskets at the recipe's minimum count (its support is
# set half a basket below, so that its own rounding cannot lift the count; the count is then
# applied exactly), up to {max_len} items.
support = spark.table("clientele_support").first()
baskets = spark.sql(
    "SELECT basket, collect_set(item) AS items FROM clientele_basket_items GROUP BY basket"
)
found = spark.createDataFrame([], "items ARRAY<STRING>, freq BIGINT")
if support["baskets"] > 0:
    fp = FPGrowth(itemsCol="items", minSupport=min(1.0, (support["min_count"] - 0.5) / support["baskets"]))
    found = fp.fit(baskets).freqItemsets
found.createOrReplaceTempView("clientele_fpgrowth")
spark.sql(
    "SELECT CAST(freq AS BIGINT) AS itemset_count{items} FROM ("
    "SELECT freq, array_sort(items) AS items FROM clientele_fpgrowth "
    "WHERE freq >= {{}} AND size(items) <= {max_len})".format(int(support["min_count"]))
).createOrReplaceTempView("clientele_itemsets")
spark.sql("CACHE TABLE clientele_itemsets")

# The meta table: the settings and counts.
for name, statement in [
{after}]:
    spark.sql(statement)

def cell(v):
    return "" if v is None else repr(v) if isinstance(v, float) else v

# The files, their rows in the order DuckDB's recipe writes them (ORDER BY ALL), so that the two
# engines' files are the same bytes (the analyses rank exact ties by customer id either way).
for table, file in {outputs:?}:
    df = spark.table(table)
    df = df.orderBy(*[F.col(c).asc_nulls_last() for c in df.columns])
    with open(file, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(df.columns)
        for row in df.toLocalIterator():
            w.writerow([cell(v) for v in row])
"#,
        version = crate::VERSION,
        before = list(&before),
        after = list(&after),
        outputs = OUTPUTS.map(|(t, f)| (t, f)),
    )
}

/// The semantics, as written at the head of every recipe.
pub const SEMANTICS: &str = "Semantics (the same as Clientele's ingest; see crate/src/warehouse/sql.rs):
- a line is dropped when its date is missing or outside 1900-2100 (bad_date); its quantity,
  unit price or amount is missing or beyond 1e15 (bad_number); its status says cancelled,
  closed or unpaid and nothing was refunded (unpaid_or_cancelled); its unit price is negative
  (negative_price) or zero (zero_price, unless keep_zero_price); its quantity is zero.
- a kept line is a return when the order id is C + digits (a cancellation), the status is a
  return document, or the quantity is negative (the amount, without a quantity); returns are
  stored negative and netted. A refunded purchase adds a return line for the money back.
- the line amount is the amount column, else quantity x unit price less the line discount.
- guests (no customer id) count for revenue and baskets, not for customer analyses.
- without an order id, an order is a customer's day (customer|YYYY-MM-DD).
- part: purchase = purchase lines with positive quantity and amount (the purchases-only
  convention counts these only); purchase_other = other purchase lines; return.
- baskets: purchase lines with a product, one basket per order, distinct items; min count =
  ceil(support x baskets) (within 1e-9 of an integer: that integer); Apriori levels.
- the output holds ids and numbers only, never names.";
