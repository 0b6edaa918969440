//! The planted customer archetypes and each customer's plan: attributes, and when they order
//! what kind of basket.
//!
//! A plan is a pure function of (seed, customer index), so the writer can regenerate any
//! customer's plan as often as it needs (once per time window) without keeping it.

use crate::sort;
use serde::Serialize;

use super::calendar::Calendar;
use super::customers::{self, CITIES, PLANTED_CITY};
use crate::rng::Rng;

/// A planted customer type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Archetype {
    /// 知己: profitable and loyal. 20-36 regular orders over the whole period, mid-size baskets.
    TrueFriend,
    /// 蝴蝶: profitable, not loyal. 2-3 big-ticket orders within 40 days, then gone.
    Butterfly,
    /// 藤壶: loyal, low profit. 18-30 regular small baskets of cheap goods, mostly with coupons.
    Barnacle,
    /// 过客: neither. One small order (75%), or two within 60 days.
    Stranger,
    /// Buys almost only on discount: 10-16 orders bunched on promotion days, ~95% of lines discounted 20-40%.
    DealSeeker,
    /// Regular and profitable until 290 days before the end; then seven fading orders
    /// ([`FADE_DAYS_BACK`], [`FADE_PROFILES`]): spend in each 90-day window is well under half
    /// the window before.
    Decliner,
    /// 6-10 orders, the last at least 240 days before the end.
    Churned,
    /// Joined in the last 100 days; 1-4 orders since.
    New,
}

impl Archetype {
    /// Every archetype, in the order of the truth file.
    pub const ALL: [Archetype; 8] = [
        Archetype::TrueFriend,
        Archetype::Butterfly,
        Archetype::Barnacle,
        Archetype::Stranger,
        Archetype::DealSeeker,
        Archetype::Decliner,
        Archetype::Churned,
        Archetype::New,
    ];

    /// Planted share of customers, per mille (they sum to 1000).
    pub fn share_permille(self) -> u32 {
        match self {
            Archetype::TrueFriend => 120,
            Archetype::Butterfly => 100,
            Archetype::Barnacle => 140,
            Archetype::Stranger => 220,
            Archetype::DealSeeker => 100,
            Archetype::Decliner => 80,
            Archetype::Churned => 140,
            Archetype::New => 100,
        }
    }

    /// The snake_case key used in truth.json.
    pub fn key(self) -> &'static str {
        match self {
            Archetype::TrueFriend => "true_friend",
            Archetype::Butterfly => "butterfly",
            Archetype::Barnacle => "barnacle",
            Archetype::Stranger => "stranger",
            Archetype::DealSeeker => "deal_seeker",
            Archetype::Decliner => "decliner",
            Archetype::Churned => "churned",
            Archetype::New => "new",
        }
    }

    /// (Chinese, English) label.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Archetype::TrueFriend => ("知己", "True Friends"),
            Archetype::Butterfly => ("蝴蝶", "Butterflies"),
            Archetype::Barnacle => ("藤壶", "Barnacles"),
            Archetype::Stranger => ("过客", "Strangers"),
            Archetype::DealSeeker => ("价格敏感客户", "Deal seekers"),
            Archetype::Decliner => ("消费下滑客户", "Decliners"),
            Archetype::Churned => ("流失客户", "Churned"),
            Archetype::New => ("新客户", "New customers"),
        }
    }

    /// Whether the archetype is planted as profitable (and so more often from the planted city).
    pub fn profitable(self) -> bool {
        matches!(self, Archetype::TrueFriend | Archetype::Butterfly | Archetype::Decliner)
    }

    /// Weights of member levels (regular, silver, gold, diamond).
    fn level_weights(self) -> [u32; 4] {
        match self {
            Archetype::TrueFriend => [5, 20, 45, 30],
            Archetype::Butterfly => [25, 35, 30, 10],
            Archetype::Barnacle => [15, 45, 35, 5],
            Archetype::Stranger => [85, 15, 0, 0],
            Archetype::DealSeeker => [30, 45, 20, 5],
            Archetype::Decliner => [5, 25, 45, 25],
            Archetype::Churned => [40, 40, 18, 2],
            Archetype::New => [90, 10, 0, 0],
        }
    }

    /// Chance (per mille) that the customer buys the TV (in an order at least 91 days before the end).
    fn tv_permille(self) -> u32 {
        match self {
            Archetype::TrueFriend => 140,
            Archetype::Butterfly => 450,
            Archetype::Barnacle => 10,
            Archetype::Stranger => 15,
            Archetype::DealSeeker => 40,
            Archetype::Decliner => 120,
            Archetype::Churned => 70,
            Archetype::New => 60,
        }
    }

    /// Coupon use: (chance per line per mille, lowest %, highest %).
    pub fn coupon(self) -> (u32, i64, i64) {
        match self {
            Archetype::Barnacle => (700, 10, 30),
            Archetype::DealSeeker => (950, 20, 40),
            _ => (130, 5, 15),
        }
    }

    pub(crate) fn from_index(i: u8) -> Archetype {
        Archetype::ALL[usize::from(i) % Archetype::ALL.len()]
    }
}

/// When a decliner's fading orders come, in days before the end (±5).
pub const FADE_DAYS_BACK: [i64; 7] = [265, 230, 195, 160, 115, 60, 20];
/// The basket of each fading order.
pub const FADE_PROFILES: [Profile; 7] = [
    Profile::Regular,
    Profile::Regular,
    Profile::Regular,
    Profile::Regular,
    Profile::Small,
    Profile::Tiny,
    Profile::Tiny,
];

/// Customers per archetype for `n` customers: the planted shares, rounded by largest remainder
/// so the counts sum to `n` exactly.
pub fn archetype_counts(n: u32) -> [u32; 8] {
    let mut counts = [0u32; 8];
    let mut rems = [(0u64, 0usize); 8];
    for (i, a) in Archetype::ALL.iter().enumerate() {
        let exact = u64::from(n) * u64::from(a.share_permille());
        counts[i] = (exact / 1000) as u32;
        rems[i] = (exact % 1000, i);
    }
    let mut left = n - counts.iter().sum::<u32>();
    // Largest remainder first; ties to the earlier archetype.
    sort::sort_by(&mut rems, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in &rems {
        if left == 0 {
            break;
        }
        counts[i] += 1;
        left -= 1;
    }
    counts
}

/// The basket an order draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// 1-3 cheap everyday lines.
    Small,
    /// 1-4 lines across the range, sometimes a big-ticket item.
    Mixed,
    /// A regular's order: a 40-500 yuan item plus 1-3 lines up to 500 yuan (no big-ticket item).
    Regular,
    /// A big-ticket item plus 0-2 lines.
    Big,
    /// 2-4 lines stocked up on promotion.
    Deal,
    /// One cheap line (a decliner's fading order).
    Tiny,
    /// The soundbar bought after the TV, maybe with one cheap line.
    Follow,
}

/// Order flag: the TV is in the basket.
pub const FLAG_TV: u8 = 1;
/// Order flag: the soundbar is in the basket.
pub const FLAG_SOUNDBAR: u8 = 2;

/// One planned order.
#[derive(Debug, Clone, Copy)]
pub struct PlannedOrder {
    /// Day number in the calendar.
    pub day: i64,
    /// Seconds after midnight.
    pub secs: u32,
    /// Order number within the customer, in time order.
    pub seq: u8,
    pub channel: u8,
    pub profile: Profile,
    pub flags: u8,
    /// The day one line of the order comes back, if it does.
    pub return_day: Option<i64>,
    /// Seconds after midnight of the return.
    pub return_secs: u32,
}

/// A customer's plan: attributes and orders.
#[derive(Debug, Clone)]
pub struct Plan {
    pub archetype: Archetype,
    pub gender: usize,
    pub age: usize,
    pub city: usize,
    pub level: usize,
    /// Join day (may be before day 0: a member since before the data starts).
    pub join_day: i64,
    pub parent: bool,
    pub orders: Vec<PlannedOrder>,
    /// Scratch for the order days.
    days: Vec<i64>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            archetype: Archetype::Stranger,
            gender: 0,
            age: 0,
            city: 0,
            level: 0,
            join_day: 0,
            parent: false,
            orders: Vec::new(),
            days: Vec::new(),
        }
    }
}

/// Stream ids for [`Rng::stream`].
pub const STREAM_ASSIGN: u64 = 1;
pub const STREAM_CUSTOMER: u64 = 2;
pub const STREAM_ORDER: u64 = 3;

impl Plan {
    /// Regenerates the plan of customer `c` (its archetype already assigned).
    pub fn generate(&mut self, seed: u64, c: u32, archetype: Archetype, cal: &Calendar) {
        let mut rng = Rng::stream(seed, STREAM_CUSTOMER, u64::from(c), 0);
        let last = cal.last();
        self.archetype = archetype;
        self.gender = rng.weighted(&customers::GENDER_WEIGHTS);
        self.age = rng.weighted(&customers::AGE_WEIGHTS);
        self.parent = rng.permille(customers::PARENT_PERMILLE[self.age]);
        let planted_p = if archetype.profitable() {
            customers::PLANTED_CITY_PERMILLE_PROFITABLE
        } else {
            customers::PLANTED_CITY_PERMILLE_OTHER
        };
        self.city = if rng.permille(planted_p) {
            PLANTED_CITY
        } else {
            let w: Vec<u32> = CITIES.iter().map(|c| c.weight).collect();
            rng.weighted(&w)
        };
        self.level = rng.weighted(&archetype.level_weights());
        let preferred = rng.weighted(&customers::CHANNEL_WEIGHTS) as u8;

        // Order days and the basket of each.
        let days = &mut self.days;
        days.clear();
        let mut base = Profile::Mixed;
        let mut join = None;
        match archetype {
            Archetype::TrueFriend => {
                let n = rng.range(20, 36) as u32;
                let (lo, hi) = (rng.range(0, 60), last);
                cal.stratified(&mut rng, lo, hi, n, days);
            }
            Archetype::Butterfly => {
                base = Profile::Big;
                let first = cal.sample(&mut rng, 0, last - 100, false);
                days.push(first);
                for _ in 1..rng.range(2, 3) {
                    days.push(first + rng.range(1, 40));
                }
            }
            Archetype::Barnacle => {
                base = Profile::Small;
                let n = rng.range(18, 30) as u32;
                let (lo, hi) = (rng.range(0, 90), last);
                cal.stratified(&mut rng, lo, hi, n, days);
            }
            Archetype::Stranger => {
                base = Profile::Small;
                let first = cal.sample(&mut rng, 0, last, false);
                days.push(first);
                if !rng.permille(750) {
                    days.push((first + rng.range(1, 60)).min(last));
                }
            }
            Archetype::DealSeeker => {
                base = Profile::Deal;
                for _ in 0..rng.range(10, 16) {
                    days.push(cal.sample(&mut rng, 0, last, true));
                }
            }
            Archetype::Decliner => {
                base = Profile::Regular;
                let n = rng.range(14, 20) as u32;
                let lo = rng.range(0, 60);
                cal.stratified(&mut rng, lo, last - 290, n, days);
                // Seven fading orders: fewer and smaller towards the end.
                for back in FADE_DAYS_BACK {
                    days.push(last - back + rng.range(-5, 5));
                }
            }
            Archetype::Churned => {
                let n = rng.range(6, 10) as u32;
                let lo = rng.range(0, i64::from(cal.days) / 4);
                let hi = (lo + rng.range(150, 300)).min(last - 240).max(lo + 30);
                cal.stratified(&mut rng, lo, hi, n, days);
            }
            Archetype::New => {
                let j = rng.range(last - 100, last - 10);
                join = Some(j);
                let n = rng.range(1, 4) as u32;
                cal.stratified(&mut rng, j, last, n, days);
            }
        }
        sort::sort_total(days);
        // A decliner's last orders fade.
        let fade_from = if archetype == Archetype::Decliner { days.len() - FADE_DAYS_BACK.len() } else { usize::MAX };

        self.orders.clear();
        for (i, &day) in days.iter().enumerate() {
            let mut profile = base;
            if i >= fade_from {
                profile = FADE_PROFILES[(i - fade_from).min(FADE_PROFILES.len() - 1)];
            }
            self.orders.push(PlannedOrder {
                day,
                secs: 0,
                seq: 0,
                channel: preferred,
                profile,
                flags: 0,
                return_day: None,
                return_secs: 0,
            });
        }

        // The TV, and 30% of TV buyers' soundbar within 5-80 days.
        if rng.permille(archetype.tv_permille()) {
            let eligible: Vec<usize> = (0..self.orders.len())
                .filter(|&i| self.orders[i].day <= last - 91 && self.orders[i].profile != Profile::Tiny)
                .collect();
            if !eligible.is_empty() {
                let i = if archetype == Archetype::Butterfly { eligible[0] } else { rng.pick(&eligible) };
                self.orders[i].flags |= FLAG_TV;
                let tv_day = self.orders[i].day;
                let follow = if rng.permille(300) {
                    Some(tv_day + rng.range(5, 80))
                } else if rng.permille(80) {
                    Some(tv_day + rng.range(120, 300)).filter(|&d| d <= last)
                } else {
                    None
                };
                if let Some(day) = follow {
                    self.orders.push(PlannedOrder {
                        day,
                        secs: 0,
                        seq: 0,
                        channel: preferred,
                        profile: Profile::Follow,
                        flags: FLAG_SOUNDBAR,
                        return_day: None,
                        return_secs: 0,
                    });
                }
            }
        } else if rng.permille(6) {
            // A soundbar without a TV from this shop.
            let i = rng.below(self.orders.len() as u64) as usize;
            self.orders[i].flags |= FLAG_SOUNDBAR;
        }

        // Channel, time of day and returns.
        for o in &mut self.orders {
            if !rng.permille(800) {
                o.channel = rng.weighted(&customers::CHANNEL_WEIGHTS) as u8;
            }
            o.secs = time_of_day(&mut rng, cal, o.day, o.channel);
            let p = match (archetype, o.profile) {
                (_, Profile::Follow | Profile::Tiny) => 20,
                (_, Profile::Big) => 45,
                (Archetype::DealSeeker, _) => 50,
                _ => 35,
            };
            if rng.permille(p) {
                let d = o.day + rng.range(2, 20);
                if d <= last {
                    o.return_day = Some(d);
                    o.return_secs = time_of_day(&mut rng, cal, d, o.channel);
                }
            }
        }
        sort::sort_by_key(&mut self.orders, |o| (o.day, o.secs));
        for (i, o) in self.orders.iter_mut().enumerate() {
            o.seq = i.min(99) as u8;
        }
        let first = self.orders.first().map_or(0, |o| o.day);
        self.join_day = join.unwrap_or_else(|| first - rng.range(0, 500)).min(first);
    }

    /// The first and last day any row of this customer is dated (orders and returns).
    pub fn span(&self) -> (i64, i64) {
        let first = self.orders.first().map_or(0, |o| o.day);
        let last = self.orders.iter().map(|o| o.return_day.unwrap_or(o.day).max(o.day)).max().unwrap_or(0);
        (first, last)
    }
}

fn time_of_day(rng: &mut Rng, cal: &Calendar, day: i64, channel: u8) -> u32 {
    let hours = if channel == customers::STORE_CHANNEL {
        &customers::HOURS_STORE
    } else if cal.kind[day as usize] == super::calendar::DayKind::SinglesDay {
        &customers::HOURS_SINGLES_DAY
    } else {
        &customers::HOURS_ONLINE
    };
    let h = rng.weighted(hours) as u32;
    h * 3600 + rng.below(3600) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_sum_exactly() {
        for n in [1, 7, 999, 5_000, 1_000_003] {
            let c = archetype_counts(n);
            assert_eq!(c.iter().sum::<u32>(), n);
        }
        assert_eq!(archetype_counts(5_000), [600, 500, 700, 1_100, 500, 400, 700, 500]);
        assert_eq!(Archetype::ALL.iter().map(|a| a.share_permille()).sum::<u32>(), 1000);
    }

    #[test]
    fn plans_respect_their_archetype() {
        let cal = Calendar::new(2);
        let mut p = Plan::default();
        for c in 0..400 {
            let a = Archetype::from_index((c % 8) as u8);
            p.generate(9, c, a, &cal);
            assert!(!p.orders.is_empty());
            assert!(p.orders.windows(2).all(|w| (w[0].day, w[0].secs) <= (w[1].day, w[1].secs)));
            assert!(p.orders.iter().all(|o| (0..=cal.last()).contains(&o.day)));
            assert!(p.join_day <= p.orders[0].day);
            let real: Vec<i64> = p.orders.iter().filter(|o| o.profile != Profile::Follow).map(|o| o.day).collect();
            match a {
                Archetype::Churned => {
                    assert!(p.orders.iter().all(|o| o.profile == Profile::Follow || o.day <= cal.last() - 240))
                }
                Archetype::New => assert!(p.orders[0].day >= cal.last() - 100),
                Archetype::TrueFriend => assert!((20..=36).contains(&real.len())),
                Archetype::Butterfly => assert!(real.len() <= 3 && real[real.len() - 1] - real[0] <= 40),
                _ => {}
            }
        }
    }
}
