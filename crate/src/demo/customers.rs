//! Customer attributes: gender, age band, city (with its province), member level, join date,
//! and the store's channels. Names in both languages.

use super::params::Lang;

/// (Chinese, English) pair.
pub type Text = (&'static str, &'static str);

/// Picks the text of a pair in a language.
pub fn text(t: Text, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => t.0,
        Lang::En => t.1,
    }
}

pub const GENDERS: [Text; 3] = [("女", "Female"), ("男", "Male"), ("未知", "Unknown")];
pub const GENDER_WEIGHTS: [u32; 3] = [52, 45, 3];

pub const AGE_BANDS: [Text; 5] =
    [("18-24岁", "18-24"), ("25-34岁", "25-34"), ("35-44岁", "35-44"), ("45-54岁", "45-54"), ("55岁以上", "55+")];
pub const AGE_WEIGHTS: [u32; 5] = [15, 35, 27, 15, 8];
/// Chance (per mille) that a customer of each age band has a baby at home.
pub const PARENT_PERMILLE: [u32; 5] = [40, 350, 250, 40, 20];

pub const LEVELS: [Text; 4] =
    [("普通会员", "Regular"), ("银卡会员", "Silver"), ("金卡会员", "Gold"), ("钻石会员", "Diamond")];

/// A city: name, province name, base weight (per mille of customers).
#[derive(Debug, Clone, Copy)]
pub struct City {
    pub name: Text,
    pub province: Text,
    pub weight: u32,
}

/// The cities, the planted one ([`PLANTED_CITY`]) among them.
pub const CITIES: [City; 13] = [
    City { name: ("上海", "Shanghai"), province: ("上海", "Shanghai"), weight: 140 },
    City { name: ("北京", "Beijing"), province: ("北京", "Beijing"), weight: 130 },
    City { name: ("广州", "Guangzhou"), province: ("广东", "Guangdong"), weight: 95 },
    City { name: ("深圳", "Shenzhen"), province: ("广东", "Guangdong"), weight: 95 },
    City { name: ("杭州", "Hangzhou"), province: ("浙江", "Zhejiang"), weight: 0 },
    City { name: ("成都", "Chengdu"), province: ("四川", "Sichuan"), weight: 85 },
    City { name: ("武汉", "Wuhan"), province: ("湖北", "Hubei"), weight: 65 },
    City { name: ("南京", "Nanjing"), province: ("江苏", "Jiangsu"), weight: 65 },
    City { name: ("西安", "Xi'an"), province: ("陕西", "Shaanxi"), weight: 55 },
    City { name: ("重庆", "Chongqing"), province: ("重庆", "Chongqing"), weight: 70 },
    City { name: ("苏州", "Suzhou"), province: ("江苏", "Jiangsu"), weight: 55 },
    City { name: ("长沙", "Changsha"), province: ("湖南", "Hunan"), weight: 50 },
    City { name: ("天津", "Tianjin"), province: ("天津", "Tianjin"), weight: 50 },
];

/// Index of the city planted as over-represented among the best customers: 杭州 (Hangzhou).
pub const PLANTED_CITY: usize = 4;
/// Chance (per mille) that a profitable-archetype customer lives in the planted city.
pub const PLANTED_CITY_PERMILLE_PROFITABLE: u32 = 260;
/// Chance (per mille) for every other customer.
pub const PLANTED_CITY_PERMILLE_OTHER: u32 = 45;

pub const CHANNELS: [Text; 3] =
    [("天猫旗舰店", "Tmall Flagship Store"), ("微信商城", "WeChat Mall"), ("线下门店", "Retail Store")];
pub const CHANNEL_WEIGHTS: [u32; 3] = [45, 30, 25];
/// Index of the physical store (ordered in opening hours).
pub const STORE_CHANNEL: u8 = 2;

/// Orders per hour of day, online.
pub const HOURS_ONLINE: [u32; 24] = [2, 1, 1, 0, 0, 0, 1, 2, 4, 5, 6, 6, 7, 6, 6, 6, 6, 6, 7, 9, 11, 12, 10, 6];
/// Online on 双十一: the rush right after midnight.
pub const HOURS_SINGLES_DAY: [u32; 24] = [60, 20, 4, 1, 0, 0, 1, 2, 4, 5, 6, 6, 7, 6, 6, 6, 6, 6, 7, 9, 11, 12, 12, 10];
/// Orders per hour of day in the store (open 9:00 to 22:00).
pub const HOURS_STORE: [u32; 24] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 6, 8, 9, 8, 7, 7, 8, 10, 12, 12, 10, 6, 0, 0];

pub const STATUS_SALE: Text = ("已完成", "completed");
pub const STATUS_RETURN: Text = ("退货", "returned");

/// Sales file header, in column order.
pub const SALES_HEADER: [Text; 14] = [
    ("订单编号", "Order ID"),
    ("会员卡号", "Customer ID"),
    ("下单时间", "Order Date"),
    ("商品编码", "Product ID"),
    ("商品名称", "Product Name"),
    ("品类", "Category"),
    ("数量", "Quantity"),
    ("单价", "Unit Price"),
    ("优惠金额", "Discount"),
    ("实收金额", "Amount"),
    ("成本金额", "Cost"),
    ("渠道", "Channel"),
    ("省份", "Province"),
    ("订单状态", "Status"),
];

/// Customers file header, in column order.
pub const CUSTOMERS_HEADER: [Text; 8] = [
    ("会员卡号", "Customer ID"),
    ("性别", "Gender"),
    ("年龄段", "Age Band"),
    ("城市", "City"),
    ("会员等级", "Member Level"),
    ("注册日期", "Join Date"),
    super::classes::HEADER[0],
    super::classes::HEADER[1],
];
