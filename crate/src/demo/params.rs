//! The demo's parameters, validated before anything is written.

use serde::{Deserialize, Serialize};

/// The language of the generated files: headers, product names, cities, statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Simplified Chinese (the default: the store is a Chinese retailer).
    #[default]
    Zh,
    En,
}

impl std::str::FromStr for Lang {
    type Err = DemoError;
    fn from_str(s: &str) -> Result<Self, DemoError> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" => Ok(Lang::Zh),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            _ => Err(DemoError::Params { field: "lang", detail: format!("unknown language {s:?}: use zh or en") }),
        }
    }
}

/// Parameters of the demo store. The defaults are the store the page opens with.
///
/// ```
/// use clientele::demo::DemoParams;
/// let p = DemoParams::default();
/// assert_eq!((p.seed, p.customers, p.years), (2024, 5_000, 2));
/// assert!(p.validate().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DemoParams {
    /// The seed: the same seed gives the same bytes, on every platform. Default 2024.
    pub seed: u64,
    /// Number of customers, 1 to 9,999,999. Default 5,000 (about 60,000 orders).
    pub customers: u32,
    /// Years of history, 1 to 10, ending 31 December 2025. Default 2.
    pub years: u32,
    /// Language of the files. Default Chinese.
    pub lang: Lang,
}

impl Default for DemoParams {
    fn default() -> Self {
        DemoParams { seed: 2024, customers: 5_000, years: 2, lang: Lang::Zh }
    }
}

/// The largest number of customers (customer ids have 7 digits).
pub const MAX_CUSTOMERS: u32 = 9_999_999;
/// The longest history, limited by the Chinese New Year table.
pub const MAX_YEARS: u32 = 10;

impl DemoParams {
    /// Checks the ranges documented on each field.
    pub fn validate(&self) -> Result<(), DemoError> {
        if !(1..=MAX_CUSTOMERS).contains(&self.customers) {
            return Err(DemoError::Params {
                field: "customers",
                detail: format!("{} customers: use 1 to {MAX_CUSTOMERS}", self.customers),
            });
        }
        if !(1..=MAX_YEARS).contains(&self.years) {
            return Err(DemoError::Params {
                field: "years",
                detail: format!("{} years: use 1 to {MAX_YEARS}", self.years),
            });
        }
        Ok(())
    }
}

/// Why the demo store could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// A parameter is out of range.
    #[error("demo parameter {field}: {detail}")]
    Params { field: &'static str, detail: String },
    /// Writing an output failed.
    #[error("writing the demo store failed: {0}")]
    Io(#[from] std::io::Error),
}

impl DemoError {
    /// A stable code for messages in both languages.
    pub fn code(&self) -> &'static str {
        match self {
            DemoError::Params { .. } => "demo.invalid_params",
            DemoError::Io(_) => "demo.io",
        }
    }
}

impl crate::error::Coded for DemoError {
    fn code(&self) -> &'static str {
        DemoError::code(self)
    }
    fn params(&self) -> serde_json::Value {
        match self {
            DemoError::Params { field, detail } => serde_json::json!({ "field": field, "detail": detail }),
            DemoError::Io(e) => serde_json::json!({ "detail": e.to_string() }),
        }
    }
}

/// The page's demo request: every field optional (the defaults of [`DemoParams`]); numbers as a
/// JavaScript number holds them (whole, at most 2^53 − 1 for the seed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct DemoRequest {
    pub seed: Option<f64>,
    pub customers: Option<f64>,
    pub years: Option<f64>,
    /// `"zh"` or `"en"`.
    pub lang: Option<String>,
}

impl DemoRequest {
    /// The demo parameters, each number checked whole and in range.
    pub fn params(&self) -> Result<DemoParams, DemoError> {
        fn whole(field: &'static str, v: Option<f64>, max: f64) -> Result<Option<f64>, DemoError> {
            match v {
                Some(x) if !(x.is_finite() && x.fract() == 0.0 && (0.0..=max).contains(&x)) => {
                    Err(DemoError::Params { field, detail: format!("{x} is not a whole number from 0 to {max}") })
                }
                other => Ok(other),
            }
        }
        let mut p = DemoParams::default();
        if let Some(s) = whole("seed", self.seed, 9_007_199_254_740_991.0)? {
            p.seed = s as u64;
        }
        if let Some(c) = whole("customers", self.customers, f64::from(u32::MAX))? {
            p.customers = c as u32;
        }
        if let Some(y) = whole("years", self.years, f64::from(u32::MAX))? {
            p.years = y as u32;
        }
        if let Some(lang) = self.lang.as_deref() {
            p.lang = lang.parse()?;
        }
        p.validate()?;
        Ok(p)
    }
}
