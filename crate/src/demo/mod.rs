//! # The demo store: a deterministic retailer with planted truth
//!
//! A mid-size Chinese omni-channel retailer, generated from a seed: by default 5,000 customers,
//! two years (2024-2025) and about 60,000 orders of 320 products in 12 categories, sold through
//! three channels (天猫旗舰店, 微信商城, 线下门店), with promotions, coupons, returns and seasonal
//! peaks (双十一, 春节 and its 年货 weeks, Christmas, 618, 双十二). The same seed gives the same
//! bytes on every platform (native and wasm32): every choice is made with integer arithmetic on
//! the crate's own xoshiro256** ([`crate::rng`]); no platform-dependent float function is called.
//!
//! What is planted, and realised exactly in the rows, is returned as a [`Truth`] (written beside
//! the data as `demo_truth.json`):
//! - eight [`Archetype`]s in fixed proportions: True Friends 12%, Butterflies 10%, Barnacles 14%,
//!   Strangers 22%, deal seekers 10%, decliners 8%, churned 14%, new 10%;
//! - association rules 尿布 → 啤酒 (diapers → beer), 打印机 → 墨盒 (printer → ink) and
//!   {火锅底料, 肥牛卷} → 芝麻酱蘸料 (hot-pot base and beef slices → sesame dipping sauce), with the
//!   confidence and lift they have in the generated baskets;
//! - the sequence 55英寸智能电视 → 回音壁音响 (TV → soundbar) within 90 days, for about 30% of TV buyers;
//! - the city 杭州 (Hangzhou) over-represented among the best customers.
//!
//! ## Files
//!
//! `demo_sales.csv` (one row per order line, UTF-8, header row, `\n`, sorted by row time):
//!
//! | zh | en | content |
//! |---|---|---|
//! | 订单编号 | Order ID | 17 digits: order date `YYYYMMDD`, 7-digit customer code, 2-digit order number |
//! | 会员卡号 | Customer ID | `C` + 7 digits |
//! | 下单时间 | Order Date | `YYYY-MM-DD HH:MM:SS` (for a return row: when it came back) |
//! | 商品编码 | Product ID | `P` + category (2 digits) + number (3 digits) |
//! | 商品名称 | Product Name | in the file's language |
//! | 品类 | Category | in the file's language |
//! | 数量 | Quantity | integer; negative on a return row |
//! | 单价 | Unit Price | list price, yuan |
//! | 优惠金额 | Discount | yuan off the line (negative on a return row) |
//! | 实收金额 | Amount | quantity × unit price − discount (negative on a return row) |
//! | 成本金额 | Cost | quantity × unit cost: the line's cost of goods |
//! | 渠道 | Channel | 天猫旗舰店 / 微信商城 / 线下门店 |
//! | 省份 | Province | the customer's province |
//! | 订单状态 | Status | 已完成 (completed) or 退货 (returned) |
//!
//! `demo_customers.csv`: 会员卡号 Customer ID, 性别 Gender, 年龄段 Age Band, 城市 City,
//! 会员等级 Member Level, 注册日期 Join Date (`YYYY-MM-DD`, at or before the first order),
//! 信用等级 Credit Rating (优秀 / 良好 / 一般 / 较差, Excellent / Good / Fair / Poor) and 满意度
//! Satisfaction (a score 1-5), with the effects planted in [`classes`].
//!
//! ## Entry points
//!
//! - [`write_demo`] streams both files to any writers (the CLI's files); memory does not grow
//!   with the rows (see [`writer`]).
//! - [`generate`] builds all three files in memory (the page's "try the demo store").
//!
//! ```
//! use clientele::demo::{generate, DemoParams, Lang};
//! let demo = generate(&DemoParams { customers: 200, lang: Lang::En, ..DemoParams::default() }).unwrap();
//! assert!(demo.sales_csv.starts_with(b"Order ID,Customer ID,Order Date,"));
//! assert_eq!(demo.truth.counts.customers, 200);
//! assert_eq!(demo.truth.archetypes[0].customers, 24); // 12% True Friends
//! assert_eq!(demo.truth.rules[0].consequent.name, "Beer");
//! ```

pub mod archetypes;
pub mod calendar;
pub mod catalog;
pub mod classes;
pub mod customers;
pub mod params;
pub mod truth;
pub mod writer;

pub use archetypes::Archetype;
pub use params::{DemoError, DemoParams, DemoRequest, Lang};
pub use truth::Truth;
pub use writer::{write_demo, write_demo_windowed, CUSTOMERS_FILE, SALES_FILE, TRUTH_FILE};

/// A demo store generated in memory.
#[derive(Debug, Clone)]
pub struct DemoFiles {
    /// `demo_sales.csv`.
    pub sales_csv: Vec<u8>,
    /// `demo_customers.csv`.
    pub customers_csv: Vec<u8>,
    pub truth: Truth,
}

impl DemoFiles {
    /// `demo_truth.json`, pretty-printed.
    pub fn truth_json(&self) -> Vec<u8> {
        truth_json(&self.truth)
    }
}

/// The truth as the JSON written to `demo_truth.json`.
pub fn truth_json(truth: &Truth) -> Vec<u8> {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_vec_pretty(truth).unwrap_or_default()
}

/// Generates the demo store into memory buffers.
pub fn generate(params: &DemoParams) -> Result<DemoFiles, DemoError> {
    // About 3.7 KB of sales and 55 bytes of attributes per customer; the reservation is capped
    // so a huge request fails in generation, not in one giant allocation.
    let n = params.customers.min(50_000) as usize;
    let mut sales_csv = Vec::with_capacity(n * 3_800);
    let mut customers_csv = Vec::with_capacity(n * 56);
    let truth = write_demo(params, &mut sales_csv, &mut customers_csv)?;
    Ok(DemoFiles { sales_csv, customers_csv, truth })
}
