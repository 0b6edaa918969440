//! For every segment of every scheme: its name, a short description and recommended actions, in
//! English and Simplified Chinese, served as data (the page renders them with `textContent`).
//!
//! The advice is grounded in the seed texts: customers are born unequal and deserve clearly
//! different treatment (对天生不平等的顾客给予判然有别的待遇); Reinartz & Kumar's four loyalty types
//! (Strangers: identify early, no long-term investment; Barnacles: grow share of wallet, cut the
//! cost to serve; Butterflies: enjoy them while they last, short intense offers, no loyalty
//! spending; True Friends: 润物细无声, quiet consistent care); the ABC / 80-20 tiering of customer
//! value; and the periodic re-evaluation of every segment.

use serde::Serialize;

/// Advice for one segment of one scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Advice {
    /// `rfm11`, `rfm8`, `tier`, `usage`, `quadrant`, `flag` or `lifecycle`.
    pub scheme: &'static str,
    /// The segment key used in the results.
    pub key: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
    pub description_en: &'static str,
    pub description_zh: &'static str,
    pub actions_en: &'static [&'static str],
    pub actions_zh: &'static [&'static str],
}

macro_rules! advice {
    ($scheme:literal, $key:literal, $ne:literal, $nz:literal, $de:literal, $dz:literal, [$($ae:literal),*], [$($az:literal),*]) => {
        Advice { scheme: $scheme, key: $key, name_en: $ne, name_zh: $nz, description_en: $de, description_zh: $dz, actions_en: &[$($ae),*], actions_zh: &[$($az),*] }
    };
}

/// Every segment's advice, scheme by scheme in the order of the results.
pub const ADVICE: &[Advice] = &[
    // The 11 named RFM segments.
    advice!(
        "rfm11",
        "champions",
        "Champions",
        "冠军客户",
        "Bought recently, buy often and spend the most.",
        "最近买过、买得勤、花得多。",
        [
            "Reward them and ask for reviews and referrals",
            "Offer early access to new products",
            "Do not train them on discounts: they buy anyway"
        ],
        ["给予回馈，邀请评价和推荐", "新品优先体验", "不要用折扣培养他们，他们本来就会买"]
    ),
    advice!(
        "rfm11",
        "loyal",
        "Loyal",
        "忠诚客户",
        "Buy regularly and spend well; respond to recognition.",
        "经常购买、消费良好，重视被认可。",
        [
            "Upsell higher-value products",
            "Invite them to the membership or loyalty programme",
            "Keep service consistent"
        ],
        ["推荐更高价值的商品", "邀请加入会员计划", "保持稳定的服务"]
    ),
    advice!(
        "rfm11",
        "potential_loyalist",
        "Potential Loyalist",
        "潜在忠诚客户",
        "Recent customers with average frequency and spend.",
        "近期购买、频次和金额中等的客户。",
        ["Offer membership and personal recommendations", "Encourage a second category", "Follow up after each order"],
        ["推荐会员和个性化商品", "引导购买第二个品类", "每单后及时跟进"]
    ),
    advice!(
        "rfm11",
        "new_customers",
        "New Customers",
        "新客户",
        "Bought very recently, but only once or twice.",
        "刚刚购买，但只买过一两次。",
        [
            "Welcome them and make the second purchase easy",
            "Onboarding help, no deep discounts",
            "Watch who returns: identify Strangers early"
        ],
        ["欢迎并让第二次购买变得容易", "提供上手帮助，不要大幅打折", "观察谁会回来，尽早识别过客"]
    ),
    advice!(
        "rfm11",
        "promising",
        "Promising",
        "有潜力客户",
        "Recent buyers who spend well but have not bought often yet.",
        "近期购买、客单价不错，但购买次数尚少。",
        [
            "Build the relationship with relevant content",
            "A time-limited offer on a complementary product",
            "Ask what they came for"
        ],
        ["用相关内容建立关系", "对互补商品给出限时优惠", "了解他们的需求"]
    ),
    advice!(
        "rfm11",
        "need_attention",
        "Need Attention",
        "需要关注",
        "Above-average value, but not bought for a while.",
        "价值中上，但有一阵子没来了。",
        [
            "Reach out with a personal, limited offer",
            "Recommend based on past purchases",
            "Check for a service problem"
        ],
        ["用个性化的限时优惠联系", "根据历史购买推荐", "排查是否有服务问题"]
    ),
    advice!(
        "rfm11",
        "about_to_sleep",
        "About To Sleep",
        "即将沉睡",
        "Below-average recency, frequency and spend; fading.",
        "最近度、频次和金额都低于平均，正在流失。",
        [
            "Share popular products and small reminders",
            "A low-cost reactivation message",
            "Do not spend much: measure the response first"
        ],
        ["推送热销商品和提醒", "低成本的唤醒信息", "先看反应，不要投入太多"]
    ),
    advice!(
        "rfm11",
        "at_risk",
        "At Risk",
        "流失风险",
        "Spent big and often, but long ago.",
        "曾经买得多、买得勤，但已经很久没来。",
        [
            "Personal win-back message with a reason to return",
            "Ask for feedback on why they stopped",
            "Offer renewals or new versions of what they bought"
        ],
        ["发送个性化召回信息，给一个回来的理由", "询问不再购买的原因", "推荐他们买过商品的新款或续购"]
    ),
    advice!(
        "rfm11",
        "cannot_lose_them",
        "Cannot Lose Them",
        "不能失去",
        "Made the biggest and most frequent purchases, but have not returned for a long time.",
        "曾是最大最频繁的买家，但很久没有回来。",
        [
            "Win them back personally: a call or a note, not a mass mailing",
            "Talk to them about what changed",
            "Do not lose them to a competitor"
        ],
        ["亲自挽回：电话或手写信，而不是群发", "了解发生了什么变化", "不要让他们流向竞争对手"]
    ),
    advice!(
        "rfm11",
        "hibernating",
        "Hibernating",
        "休眠客户",
        "Last purchase long ago, few orders and low spend.",
        "很久没买，订单少、金额低。",
        [
            "Offer other relevant products and seasonal offers",
            "Keep the contact cost low",
            "Re-evaluate them next period"
        ],
        ["推荐其他相关商品和季节性优惠", "控制联系成本", "下个周期重新评估"]
    ),
    advice!(
        "rfm11",
        "lost",
        "Lost",
        "已流失",
        "Lowest recency, frequency and spend.",
        "最近度、频次、金额都最低。",
        ["Try one reactivation campaign, then stop", "Spend nothing else", "Learn why, to prevent it for others"],
        ["尝试一次唤醒活动，无效则停止", "不再投入", "总结原因，防止其他客户流失"]
    ),
    // The Chinese 8-class scheme.
    advice!(
        "rfm8",
        "important_value",
        "Important value",
        "重要价值客户",
        "Recent, frequent and high spending: the core of the business.",
        "近期购买、频次高、金额高：生意的核心。",
        ["VIP service and care", "Keep them satisfied; avoid unnecessary discounts"],
        ["提供VIP服务和关怀", "保持满意，避免不必要的折扣"]
    ),
    advice!(
        "rfm8",
        "important_development",
        "Important development",
        "重要发展客户",
        "Recent and high spending but infrequent.",
        "近期购买、金额高，但频次低。",
        ["Raise purchase frequency: membership, replenishment reminders", "Recommend related categories"],
        ["提高购买频次：会员、补货提醒", "推荐相关品类"]
    ),
    advice!(
        "rfm8",
        "important_retention",
        "Important retention",
        "重要保持客户",
        "Frequent and high spending, but not seen recently.",
        "频次高、金额高，但最近没有购买。",
        ["Contact them proactively before they are lost", "Personal offers based on their history"],
        ["在流失前主动联系", "基于历史的个性化优惠"]
    ),
    advice!(
        "rfm8",
        "important_win_back",
        "Important win-back",
        "重要挽留客户",
        "High spending in the past, but neither recent nor frequent.",
        "过去金额高，但既不近也不频繁。",
        ["Find out why they left and win them back", "A strong, personal reactivation offer"],
        ["找出离开原因并挽回", "有力的个性化唤醒优惠"]
    ),
    advice!(
        "rfm8",
        "general_value",
        "General value",
        "一般价值客户",
        "Recent and frequent, but low spending.",
        "近期、频繁，但金额低。",
        ["Raise basket value: bundles and upselling", "Keep the cost to serve low"],
        ["提高客单价：组合和升级推荐", "控制服务成本"]
    ),
    advice!(
        "rfm8",
        "general_development",
        "General development",
        "一般发展客户",
        "Recent, but infrequent and low spending: often new customers.",
        "近期购买，但频次低、金额低：多为新客户。",
        ["Welcome and guide to a second purchase", "Low-cost, automated contact"],
        ["欢迎并引导第二次购买", "低成本的自动化联系"]
    ),
    advice!(
        "rfm8",
        "general_retention",
        "General retention",
        "一般保持客户",
        "Frequent but low spending and not recent.",
        "频次高但金额低，且最近未购买。",
        ["Light reminders of what they usually buy", "No expensive retention spending"],
        ["轻量提醒他们常买的商品", "不做昂贵的挽留投入"]
    ),
    advice!(
        "rfm8",
        "general_win_back",
        "General win-back",
        "一般挽留客户",
        "Not recent, infrequent and low spending.",
        "不近、不频繁、金额低。",
        ["At most one low-cost reactivation attempt", "Otherwise let them go"],
        ["最多一次低成本唤醒", "否则放手"]
    ),
    // Value tiers.
    advice!(
        "tier",
        "A",
        "A: VIP",
        "A 类：VIP 客户",
        "The few customers who together make the first half of the profit contribution.",
        "少数客户贡献了前一半的利润贡献。",
        [
            "Dedicated service and personal contact",
            "Invest in keeping them: they are worth it",
            "Review the list every period"
        ],
        ["专人服务、个人联系", "值得投入资源留住他们", "每个周期复核名单"]
    ),
    advice!(
        "tier",
        "B",
        "B: Key",
        "B 类：主要客户",
        "The next customers up to 80% of the contribution.",
        "贡献累计到 80% 的主要客户。",
        ["Grow them towards A: upsell and cross-sell", "Regular, personal-feeling contact"],
        ["向 A 类培养：升级和交叉销售", "定期且有温度的联系"]
    ),
    advice!(
        "tier",
        "C",
        "C: Ordinary",
        "C 类：普通客户",
        "The customers making the contribution from 80% to 95%.",
        "贡献 80% 到 95% 的普通客户。",
        ["Standard, efficient service", "Automated offers; watch for climbers"],
        ["标准、高效的服务", "自动化营销，留意上升的客户"]
    ),
    advice!(
        "tier",
        "D",
        "D: Small",
        "D 类：小客户",
        "Many customers, the last 5% of the contribution (and those with none).",
        "客户多，只贡献最后 5%（及没有贡献的）。",
        ["Lowest cost to serve: self-service channels", "No individual spending; check below-zero customers"],
        ["最低服务成本：自助渠道", "不做个别投入，检查负利润客户"]
    ),
    // Heavy / medium / light.
    advice!(
        "usage",
        "heavy",
        "Heavy",
        "重度客户",
        "The top 20% of customers by contribution.",
        "贡献最高的 20% 客户。",
        ["Protect them: service first", "Recognise and thank them"],
        ["重点保护：服务优先", "认可并感谢他们"]
    ),
    advice!(
        "usage",
        "medium",
        "Medium",
        "中度客户",
        "The next 30% of customers.",
        "接下来的 30% 客户。",
        ["Move them up: more categories, more occasions"],
        ["向上培养：更多品类、更多场景"]
    ),
    advice!(
        "usage",
        "light",
        "Light",
        "轻度客户",
        "The bottom 50% of customers.",
        "贡献最低的 50% 客户。",
        ["Serve efficiently", "Find the few with potential; do not spend on the rest"],
        ["高效服务", "找出有潜力的少数，不为其余投入"]
    ),
    // The loyalty × profitability quadrant (Reinartz & Kumar).
    advice!(
        "quadrant",
        "true_friends",
        "True Friends",
        "知己",
        "Profitable and loyal: a good fit between what the shop offers and what they need.",
        "有利可图且忠诚：商店所提供的正是他们所需要的。",
        [
            "Quiet, consistent care: 润物细无声",
            "Communicate consistently but not too often",
            "Build attitudinal loyalty; reward them without pushing"
        ],
        ["润物细无声：安静、持续的关怀", "保持一致但不过度的沟通", "培养态度上的忠诚，回馈但不打扰"]
    ),
    advice!(
        "quadrant",
        "butterflies",
        "Butterflies",
        "蝴蝶",
        "Profitable but not loyal: they buy a lot in a short time and move on.",
        "有利可图但不忠诚：短时间内买得多，然后离开。",
        [
            "Enjoy them while they last",
            "Short, intense offers while they are active",
            "No loyalty-programme spending: stop investing when they go quiet"
        ],
        ["趁他们还在时好好把握", "活跃期内给予短期、密集的优惠", "不要在忠诚计划上投入，沉寂后停止投入"]
    ),
    advice!(
        "quadrant",
        "barnacles",
        "Barnacles",
        "藤壶",
        "Loyal but not profitable: they buy often, in small amounts.",
        "忠诚但利润低：经常购买，但金额小。",
        [
            "Grow share of wallet: cross-sell and upsell",
            "Cut the cost to serve: self-service, fewer costly coupons",
            "If their wallet is small, serve them at minimum cost"
        ],
        [
            "提高钱包份额：交叉销售和升级推荐",
            "降低服务成本：自助服务，减少高成本优惠券",
            "若其钱包本来就小，则以最低成本服务"
        ]
    ),
    advice!(
        "quadrant",
        "strangers",
        "Strangers",
        "过客",
        "Neither profitable nor loyal: little fit with what the shop offers.",
        "既无利润也不忠诚：与商店提供的东西不太契合。",
        ["Identify them early", "Make no long-term investment", "Make every transaction profitable"],
        ["尽早识别", "不做长期投入", "让每一笔交易都有利可图"]
    ),
    // Flags.
    advice!(
        "flag",
        "most_valuable",
        "Most valuable",
        "最有价值客户",
        "The customers with the highest current profit.",
        "当前利润最高的客户。",
        ["Retain them first: they carry the business", "Personal service and recognition"],
        ["优先保留：他们支撑着生意", "个人化服务和认可"]
    ),
    advice!(
        "flag",
        "most_growable",
        "Most growable",
        "最具增长潜力客户",
        "The largest gap between expected future value and current value.",
        "预期未来价值与当前价值差距最大的客户。",
        ["Invest to grow them: recommendations, second categories", "Measure the uplift next period"],
        ["投入以促进增长：推荐、第二品类", "下个周期衡量提升"]
    ),
    advice!(
        "flag",
        "below_zero",
        "Below zero",
        "负利润客户",
        "Customers who cost more than they bring in.",
        "带来的收入低于成本的客户。",
        [
            "Find the cause: returns, discounts, cost to serve",
            "Stop costly coupons and free services for them",
            "Do not spend to retain them"
        ],
        ["找出原因：退货、折扣、服务成本", "停止给他们高成本优惠券和免费服务", "不为留住他们投入"]
    ),
    advice!(
        "flag",
        "deal_seeker",
        "Deal seekers",
        "价格敏感型客户",
        "Price-only transaction customers: they buy almost only on discount.",
        "仅为价格而交易的客户：几乎只在打折时购买。",
        [
            "Leave them out of general discount campaigns",
            "Offer only on overstock or margin-rich items",
            "Do not count them as loyal"
        ],
        ["不纳入普通打折活动", "只推送库存积压或高毛利商品的优惠", "不要把他们当作忠诚客户"]
    ),
    advice!(
        "flag",
        "declining",
        "Declining",
        "消费下滑客户",
        "Still profitable, but spending fell sharply in the recent window.",
        "仍有利润，但最近一段时间消费大幅下降。",
        [
            "Contact them now, before they lapse",
            "Ask what changed; check service and assortment",
            "A personal offer on what they used to buy"
        ],
        ["在流失前立即联系", "询问变化原因，检查服务和品类", "针对其常购商品的个性化优惠"]
    ),
    // Lifecycle stages (computed by the lifecycle module).
    advice!(
        "lifecycle",
        "new",
        "New",
        "新客",
        "First purchase within the usual gap.",
        "首次购买不久。",
        ["Welcome and onboard", "Make the second purchase easy"],
        ["欢迎并引导", "让第二次购买变得容易"]
    ),
    advice!(
        "lifecycle",
        "repeat",
        "Repeat",
        "复购客户",
        "Has bought again and is within their usual rhythm.",
        "已复购且保持平常节奏。",
        ["Build the habit: reminders at their rhythm", "Introduce a second category"],
        ["培养习惯：按其节奏提醒", "引入第二品类"]
    ),
    advice!(
        "lifecycle",
        "loyal",
        "Loyal",
        "忠诚客户",
        "Many orders at a steady rhythm.",
        "订单多、节奏稳定。",
        ["Quiet, consistent care", "Recognise them without over-contacting"],
        ["安静、持续的关怀", "认可他们，但不过度打扰"]
    ),
    advice!(
        "lifecycle",
        "at_risk",
        "At risk",
        "流失风险",
        "Overdue against their own usual gap between orders.",
        "超过了自己平常的购买间隔。",
        ["Reach out now with a personal reason to return", "Check for a service problem"],
        ["立即联系，给一个个性化的回来理由", "排查服务问题"]
    ),
    advice!(
        "lifecycle",
        "lapsed",
        "Lapsed",
        "已流失",
        "Far beyond their usual gap: probably gone.",
        "远超平常间隔：很可能已流失。",
        ["One win-back attempt for valuable ones, then stop", "Learn why they left"],
        ["对有价值的客户尝试一次挽回，然后停止", "了解流失原因"]
    ),
    advice!(
        "lifecycle",
        "won_back",
        "Won back",
        "赢回客户",
        "Returned after a lapse.",
        "流失后又回来了。",
        ["Thank them and make the return smooth", "Watch them closely: they can lapse again"],
        ["感谢并让回归顺畅", "密切关注，可能再次流失"]
    ),
];

/// The advice of one segment, if any.
pub fn advice(scheme: &str, key: &str) -> Option<&'static Advice> {
    ADVICE.iter().find(|a| a.scheme == scheme && a.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{quadrant::QUADRANTS, schemes::EIGHT_CLASSES, schemes::NAMED_SEGMENTS, tiers, value::FLAGS};

    #[test]
    fn every_segment_has_advice_in_both_languages() {
        let mut all: Vec<(&str, &str)> = Vec::new();
        all.extend(NAMED_SEGMENTS.iter().map(|(k, _)| ("rfm11", *k)));
        all.extend(EIGHT_CLASSES.iter().map(|k| ("rfm8", *k)));
        all.extend(tiers::TIERS.iter().map(|k| ("tier", *k)));
        all.extend(tiers::USAGE.iter().map(|k| ("usage", *k)));
        all.extend(QUADRANTS.iter().map(|k| ("quadrant", *k)));
        all.extend(FLAGS.iter().map(|k| ("flag", *k)));
        all.extend(["new", "repeat", "loyal", "at_risk", "lapsed", "won_back"].iter().map(|k| ("lifecycle", *k)));
        for (s, k) in &all {
            let a = advice(s, k).unwrap_or_else(|| panic!("no advice for {s}/{k}"));
            assert!(!a.description_en.is_empty() && !a.description_zh.is_empty());
            assert!(!a.actions_en.is_empty() && a.actions_en.len() == a.actions_zh.len(), "{s}/{k}");
        }
        assert_eq!(all.len(), ADVICE.len());
        assert!(advice("quadrant", "true_friends").is_some_and(|a| a.actions_zh[0].contains("润物细无声")));
    }
}
