//! A campaign planted in the demo store ([`crate::demo`]): who was contacted, who was held out,
//! and a known uplift that differs by segment, so the measurement ([`super::analyse`]) can be
//! checked against the truth.
//!
//! - **Start**: 45 days before the store's last day (00:00), window 30 days.
//! - **Population**: every customer with a purchase before the start; the segment is the
//!   customer's planted archetype (`true_friend`, `deal_seeker`...).
//! - **Control**: 20% held out with the export's own split ([`super::split::control_flags`],
//!   seed = the store's seed).
//! - **Planted response**: each contacted customer of archetype `a` places one extra order in
//!   the window with probability [`PLANTED_PERMILLE`]`[a]` / 1000, drawn from the crate's
//!   xoshiro256** stream of (seed, customer). The control group gets none.
//! - **Truth**: per segment, the planted uplift of the response rate realised among the contacted
//!   customers: those the planted order made responders (they had no purchase of their own in
//!   the window) / contacted customers. Its expected value is the planted probability × (1 −
//!   the segment's own response rate); the measured uplift (contacted − control) estimates it,
//!   and its 95% interval should hold it.
//!
//! Files: `demo_campaign.csv` (customer id, group, segment, in the store's language) and
//! `demo_campaign_orders.csv` (the planted orders: order id, customer id, date, amount), read as
//! a second sales file.

use crate::sort;
use std::collections::BTreeMap;

use serde::Serialize;

use super::split::{control_flags, fnv1a};
use crate::demo::{Lang, Truth};
use crate::model::{LineItems, LineKind, NO_CUSTOMER};
use crate::rng::Rng;
use crate::time::{format_datetime, DAY};

/// The campaign file's name.
pub const CAMPAIGN_FILE: &str = "demo_campaign.csv";
/// The planted orders' file name.
pub const ORDERS_FILE: &str = "demo_campaign_orders.csv";
/// The stream of [`Rng::stream`] the planted orders draw from.
const STREAM: u64 = 0xC0_4E_72_02;
/// Window length, days.
pub const WINDOW_DAYS: u32 = 30;
/// Control share.
pub const CONTROL_SHARE: f64 = 0.2;

/// Probability (‰) that a contacted customer of each archetype places a planted order.
pub const PLANTED_PERMILLE: [(&str, u32); 8] = [
    ("true_friend", 60),
    ("butterfly", 120),
    ("barnacle", 80),
    ("stranger", 40),
    ("deal_seeker", 250),
    ("decliner", 150),
    ("churned", 100),
    ("new", 80),
];

/// The truth of one segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentTruth {
    pub segment: String,
    pub planted_permille: u32,
    pub contacted: u64,
    pub control: u64,
    pub planted_orders: u64,
    /// Contacted customers who responded only through a planted order.
    pub incremental_responders: u64,
    /// incremental responders / contacted: the realised uplift of the response rate.
    pub uplift: f64,
}

/// The planted campaign's truth (the `campaign` entry of `demo_truth.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignTruth {
    pub campaign_file: &'static str,
    pub orders_file: &'static str,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub window_days: u32,
    pub control_share: f64,
    pub seed: u64,
    pub segments: Vec<SegmentTruth>,
}

/// The planted campaign: its two files and its truth.
#[derive(Debug, Clone)]
pub struct DemoCampaign {
    pub campaign_csv: Vec<u8>,
    pub orders_csv: Vec<u8>,
    pub truth: CampaignTruth,
}

/// Plants the campaign in a generated store: `lines` are its sales as read by ingest, `truth`
/// its planted truth (archetypes, last day, seed and language).
pub fn plant(lines: &LineItems, truth: &Truth) -> DemoCampaign {
    let seed = truth.params.seed;
    let last = crate::ingest::values::parse_datetime(&truth.last_day).unwrap_or(0);
    let start = last - 45 * DAY;
    let end = start + i64::from(WINDOW_DAYS) * DAY;
    let n = lines.customers.len();
    let (mut before, mut natural) = (vec![false; n], vec![false; n]);
    for i in 0..lines.len() {
        let c = lines.customer[i];
        if c == NO_CUSTOMER || lines.kind[i] != LineKind::Purchase {
            continue;
        }
        let t = lines.time.at(i);
        if t < start {
            before[c as usize] = true;
        } else if t < end {
            natural[c as usize] = true;
        }
    }
    let mut archetype: BTreeMap<&str, &'static str> = BTreeMap::new();
    for (key, ids) in &truth.customers {
        for id in ids {
            archetype.insert(id.as_str(), key);
        }
    }
    let mut ids: Vec<(&str, u32)> =
        (0..n as u32).filter(|&c| before[c as usize]).map(|c| (lines.customers.name(c), c)).collect();
    sort::sort_total(&mut ids);
    let names: Vec<&str> = ids.iter().map(|(s, _)| *s).collect();
    let control = control_flags(&names, CONTROL_SHARE, seed).unwrap_or_else(|_| vec![false; names.len()]);
    let zh = truth.params.lang == Lang::Zh;
    let (contacted_label, control_label) = if zh { ("触达组", "对照组") } else { ("contacted", "control") };
    let mut campaign_csv =
        String::from(if zh { "会员卡号,组别,分群\n" } else { "Customer ID,Group,Segment\n" });
    let mut orders_csv = String::from(if zh {
        "订单编号,会员卡号,下单时间,实收金额\n"
    } else {
        "Order ID,Customer ID,Order Date,Amount\n"
    });
    let mut by_segment: BTreeMap<&str, SegmentTruth> = BTreeMap::new();
    for (k, (&(id, c), &is_control)) in ids.iter().zip(&control).enumerate() {
        let segment = archetype.get(id).copied().unwrap_or("unknown");
        let permille = PLANTED_PERMILLE.iter().find(|(a, _)| *a == segment).map_or(0, |(_, p)| *p);
        let s = by_segment.entry(segment).or_insert_with(|| SegmentTruth {
            segment: segment.to_owned(),
            planted_permille: permille,
            contacted: 0,
            control: 0,
            planted_orders: 0,
            incremental_responders: 0,
            uplift: 0.0,
        });
        campaign_csv
            .push_str(&format!("{id},{},{segment}\n", if is_control { control_label } else { contacted_label }));
        if is_control {
            s.control += 1;
            continue;
        }
        s.contacted += 1;
        let mut rng = Rng::stream(seed, STREAM, fnv1a(id), 0);
        if rng.permille(permille) {
            let t = start + rng.range(0, i64::from(WINDOW_DAYS) * DAY - 1);
            let amount = rng.range(3_000, 30_000);
            let when = format_datetime(t);
            orders_csv.push_str(&format!("CP{k:08},{id},{when},{}.{:02}\n", amount / 100, amount % 100));
            s.planted_orders += 1;
            if !natural[c as usize] {
                s.incremental_responders += 1;
            }
        }
    }
    let segments = by_segment
        .into_values()
        .map(|mut s| {
            s.uplift = if s.contacted == 0 { 0.0 } else { s.incremental_responders as f64 / s.contacted as f64 };
            s
        })
        .collect();
    DemoCampaign {
        campaign_csv: campaign_csv.into_bytes(),
        orders_csv: orders_csv.into_bytes(),
        truth: CampaignTruth {
            campaign_file: CAMPAIGN_FILE,
            orders_file: ORDERS_FILE,
            start: format_datetime(start)[..10].to_owned(),
            window_days: WINDOW_DAYS,
            control_share: CONTROL_SHARE,
            seed,
            segments,
        },
    }
}

/// `demo_truth.json` with the planted campaign added as `campaign` (the store's own fields first,
/// in their order), as the CLI writes it and the page offers it.
pub fn truth_json(truth: &Truth, campaign: &CampaignTruth) -> Vec<u8> {
    #[derive(Serialize)]
    struct WithCampaign<'a> {
        #[serde(flatten)]
        truth: &'a Truth,
        campaign: &'a CampaignTruth,
    }
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_vec_pretty(&WithCampaign { truth, campaign }).unwrap_or_default()
}

/// Reads the generated sales (`demo_sales.csv`'s bytes) with ingest and plants the campaign.
pub fn plant_in(sales_csv: &[u8], truth: &Truth) -> Result<DemoCampaign, crate::IngestError> {
    let mut s = crate::Session::default();
    s.read_file(crate::demo::SALES_FILE, sales_csv.len() as u64, sales_csv)?;
    Ok(plant(s.lines(), truth))
}
