//! The demo store's catalogue: 320 products in 12 categories, named in Chinese and English,
//! each with a list price and a unit cost (in fen, hundredths of a yuan).
//!
//! Products are built from base products × variants (pack sizes, styles). The catalogue does not
//! depend on the seed. The products that carry the planted truth (diapers, beer, the printer and
//! its ink, the hot-pot trio, the TV and the soundbar) are each the first variant of their base.

use super::params::Lang;

/// A base product: Chinese name, English name, list price in fen.
type Base = (&'static str, &'static str, i64);
/// A variant: Chinese suffix, English suffix, price factor in percent.
type Variant = (&'static str, &'static str, i64);

struct CategoryDef {
    zh: &'static str,
    en: &'static str,
    /// Unit cost as a percentage of the list price.
    cost_pct: i64,
    bases: &'static [Base],
    variants: &'static [Variant],
    /// Bases sold in one variant only (the TV and the soundbar).
    single: &'static [usize],
}

const PLAIN: Variant = ("", "", 100);

const CATEGORIES: [CategoryDef; 12] = [
    CategoryDef {
        zh: "生鲜食品",
        en: "Fresh Food",
        cost_pct: 70,
        bases: &[
            ("苹果", "Apples", 1280),
            ("香蕉", "Bananas", 690),
            ("鸡蛋", "Eggs", 1590),
            ("鲜牛奶", "Fresh Milk", 1250),
            ("肥牛卷", "Beef Slices", 3990),
            ("三文鱼", "Salmon Fillet", 6900),
            ("鸡胸肉", "Chicken Breast", 1990),
            ("西兰花", "Broccoli", 890),
            ("草莓", "Strawberries", 2990),
        ],
        variants: &[PLAIN, ("家庭装", "Family Pack", 180), ("有机", "Organic", 150)],
        single: &[],
    },
    CategoryDef {
        zh: "粮油调味",
        en: "Pantry & Condiments",
        cost_pct: 72,
        bases: &[
            ("五常大米", "Wuchang Rice", 3990),
            ("花生油", "Peanut Oil", 4990),
            ("生抽酱油", "Light Soy Sauce", 1290),
            ("火锅底料", "Hot Pot Base", 1990),
            ("芝麻酱蘸料", "Sesame Dipping Sauce", 990),
            ("挂面", "Wheat Noodles", 890),
            ("香醋", "Black Vinegar", 790),
            ("意大利面", "Spaghetti", 1290),
            ("蜂蜜", "Honey", 4590),
        ],
        variants: &[PLAIN, ("大包装", "Large Pack", 170), ("礼盒", "Gift Box", 250)],
        single: &[],
    },
    CategoryDef {
        zh: "休闲零食",
        en: "Snacks",
        cost_pct: 64,
        bases: &[
            ("薯片", "Potato Chips", 790),
            ("牛肉干", "Beef Jerky", 3590),
            ("每日坚果", "Daily Nuts", 5990),
            ("巧克力", "Chocolate", 2990),
            ("苏打饼干", "Soda Crackers", 990),
            ("辣条", "Spicy Gluten Strips", 590),
            ("果冻", "Fruit Jelly", 1290),
            ("瓜子", "Sunflower Seeds", 1190),
            ("海苔", "Seaweed Snack", 1590),
        ],
        variants: &[PLAIN, ("量贩装", "Value Pack", 200), ("新口味", "New Flavour", 110)],
        single: &[],
    },
    CategoryDef {
        zh: "酒水饮料",
        en: "Drinks",
        cost_pct: 66,
        bases: &[
            ("啤酒", "Beer", 3990),
            ("矿泉水", "Mineral Water", 2490),
            ("可乐", "Cola", 2990),
            ("绿茶饮料", "Green Tea Drink", 3590),
            ("咖啡豆", "Coffee Beans", 8900),
            ("红葡萄酒", "Red Wine", 12900),
            ("白酒", "Baijiu", 29900),
            ("橙汁", "Orange Juice", 1990),
            ("乳酸菌饮料", "Yogurt Drink", 1590),
        ],
        variants: &[PLAIN, ("整箱", "Case", 400), ("礼盒", "Gift Box", 180)],
        single: &[],
    },
    CategoryDef {
        zh: "母婴用品",
        en: "Baby & Mother",
        cost_pct: 62,
        bases: &[
            ("尿布", "Diapers", 12900),
            ("婴儿奶粉", "Infant Formula", 25800),
            ("婴儿湿巾", "Baby Wipes", 3990),
            ("奶瓶", "Feeding Bottle", 8900),
            ("婴儿沐浴露", "Baby Wash", 5990),
            ("积木玩具", "Building Blocks", 19900),
            ("婴儿推车", "Stroller", 129_900),
            ("营养米粉", "Rice Cereal", 6900),
            ("儿童水杯", "Sippy Cup", 4990),
        ],
        variants: &[PLAIN, ("L码", "Size L", 110), ("两件装", "Twin Pack", 190)],
        single: &[],
    },
    CategoryDef {
        zh: "个护美妆",
        en: "Beauty & Personal Care",
        cost_pct: 45,
        bases: &[
            ("洗发水", "Shampoo", 5990),
            ("牙膏", "Toothpaste", 1990),
            ("电动牙刷", "Electric Toothbrush", 29900),
            ("保湿面霜", "Moisturiser", 39900),
            ("精华液", "Serum", 59900),
            ("口红", "Lipstick", 28900),
            ("防晒霜", "Sunscreen", 14900),
            ("沐浴露", "Body Wash", 4590),
            ("面膜", "Face Masks", 9900),
        ],
        variants: &[PLAIN, ("旅行装", "Travel Size", 40), ("套装", "Gift Set", 230)],
        single: &[],
    },
    CategoryDef {
        zh: "家居清洁",
        en: "Home & Cleaning",
        cost_pct: 60,
        bases: &[
            ("洗衣液", "Laundry Liquid", 4990),
            ("抽纸", "Facial Tissues", 3990),
            ("洗洁精", "Dish Soap", 1590),
            ("垃圾袋", "Bin Bags", 1290),
            ("保鲜膜", "Cling Film", 1490),
            ("拖把", "Mop", 8900),
            ("收纳箱", "Storage Box", 5990),
            ("不粘锅", "Non-stick Pan", 19900),
            ("床上四件套", "Bedding Set", 39900),
        ],
        variants: &[PLAIN, ("补充装", "Refill", 70), ("大容量", "Value Size", 160)],
        single: &[],
    },
    CategoryDef {
        zh: "服饰鞋包",
        en: "Clothing & Bags",
        cost_pct: 40,
        bases: &[
            ("纯棉T恤", "Cotton T-shirt", 9900),
            ("牛仔裤", "Jeans", 29900),
            ("羽绒服", "Down Jacket", 89900),
            ("休闲鞋", "Casual Shoes", 59900),
            ("衬衫", "Shirt", 19900),
            ("袜子", "Socks", 3900),
            ("卫衣", "Hoodie", 25900),
            ("双肩包", "Backpack", 34900),
            ("围巾", "Scarf", 15900),
        ],
        variants: &[PLAIN, ("男款", "Men's", 100), ("女款", "Women's", 110)],
        single: &[],
    },
    CategoryDef {
        zh: "手机数码",
        en: "Phones & Digital",
        cost_pct: 82,
        bases: &[
            ("智能手机", "Smartphone", 399_900),
            ("蓝牙耳机", "Wireless Earbuds", 69900),
            ("充电宝", "Power Bank", 14900),
            ("智能手表", "Smartwatch", 129_900),
            ("手机壳", "Phone Case", 4900),
            ("数据线", "USB-C Cable", 3900),
            ("平板电脑", "Tablet", 299_900),
            ("微单相机", "Mirrorless Camera", 549_900),
            ("快充充电器", "Fast Charger", 9900),
        ],
        variants: &[PLAIN, ("黑色", "Black", 100), ("白色", "White", 100)],
        single: &[],
    },
    CategoryDef {
        zh: "电脑办公",
        en: "Computers & Office",
        cost_pct: 78,
        bases: &[
            ("打印机", "Printer", 89900),
            ("墨盒", "Ink Cartridge", 15900),
            ("笔记本电脑", "Laptop", 599_900),
            ("无线鼠标", "Wireless Mouse", 9900),
            ("机械键盘", "Mechanical Keyboard", 29900),
            ("显示器", "Monitor", 129_900),
            ("打印纸", "Printer Paper", 3590),
            ("中性笔", "Gel Pens", 1990),
            ("笔记本", "Notebook", 1290),
        ],
        variants: &[PLAIN, ("商务款", "Business", 130), ("套装", "Bundle", 160)],
        single: &[],
    },
    CategoryDef {
        zh: "家用电器",
        en: "Home Appliances",
        cost_pct: 76,
        bases: &[
            ("55英寸智能电视", "55-inch Smart TV", 399_900),
            ("回音壁音响", "Soundbar", 99900),
            ("空气炸锅", "Air Fryer", 39900),
            ("电饭煲", "Rice Cooker", 49900),
            ("扫地机器人", "Robot Vacuum", 199_900),
            ("吹风机", "Hair Dryer", 29900),
            ("空气净化器", "Air Purifier", 159_900),
            ("电热水壶", "Electric Kettle", 12900),
            ("冰箱", "Refrigerator", 459_900),
        ],
        variants: &[PLAIN, ("升级款", "Plus", 140), ("尊享款", "Premium", 180)],
        single: &[0, 1],
    },
    CategoryDef {
        zh: "运动户外",
        en: "Sports & Outdoors",
        cost_pct: 55,
        bases: &[
            ("瑜伽垫", "Yoga Mat", 12900),
            ("跑步鞋", "Running Shoes", 49900),
            ("哑铃", "Dumbbells", 19900),
            ("帐篷", "Tent", 59900),
            ("登山包", "Hiking Backpack", 39900),
            ("运动水壶", "Sports Bottle", 4990),
            ("羽毛球拍", "Badminton Racket", 15900),
            ("自行车", "Bicycle", 159_900),
            ("泳镜", "Swim Goggles", 6900),
        ],
        variants: &[PLAIN, ("专业款", "Pro", 160), ("儿童款", "Kids", 70)],
        single: &[],
    },
];

/// One product.
#[derive(Debug, Clone)]
pub struct Product {
    /// `P` + category (2 digits) + number (3 digits), e.g. `P05001`.
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// Index into [`Catalog::categories`].
    pub category: usize,
    /// List price in fen.
    pub price: i64,
    /// Unit cost in fen.
    pub cost: i64,
}

impl Product {
    /// The name in the given language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => &self.name_en,
        }
    }
}

/// The products with a planted role, by index into [`Catalog::products`].
#[derive(Debug, Clone, Copy)]
pub struct Planted {
    pub diapers: usize,
    pub beer: usize,
    pub printer: usize,
    pub ink: usize,
    pub hotpot_base: usize,
    pub beef: usize,
    pub sesame_sauce: usize,
    pub tv: usize,
    pub soundbar: usize,
}

/// The whole catalogue with the pools baskets draw from.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub products: Vec<Product>,
    /// (Chinese, English) category names.
    pub categories: Vec<(&'static str, &'static str)>,
    pub planted: Planted,
    /// Everyday items up to 40 yuan (groceries and small things).
    pub cheap: Vec<usize>,
    /// Items from 40 to 500 yuan.
    pub mid: Vec<usize>,
    /// Big-ticket items from 800 yuan.
    pub big: Vec<usize>,
}

impl Catalog {
    /// Builds the catalogue (the same for every seed).
    pub fn new() -> Self {
        let mut products = Vec::new();
        let mut index = std::collections::BTreeMap::new();
        for (c, def) in CATEGORIES.iter().enumerate() {
            let mut n = 0;
            for (v, &(vzh, ven, factor)) in def.variants.iter().enumerate() {
                for (b, &(bzh, ben, price)) in def.bases.iter().enumerate() {
                    if v > 0 && def.single.contains(&b) {
                        continue;
                    }
                    n += 1;
                    let price = price * factor / 100;
                    // Cost varies by ±6 points around the category's ratio, fixed per product.
                    let cost_pct = def.cost_pct - 6 + ((b * 5 + v * 3) % 13) as i64;
                    let (name_zh, name_en) = if v == 0 {
                        (bzh.to_owned(), ben.to_owned())
                    } else {
                        (format!("{bzh}（{vzh}）"), format!("{ben} ({ven})"))
                    };
                    index.insert((c, b, v), products.len());
                    products.push(Product {
                        id: format!("P{:02}{:03}", c + 1, n),
                        name_zh,
                        name_en,
                        category: c,
                        price,
                        cost: price * cost_pct / 100,
                    });
                }
            }
        }
        let at = |c: usize, b: usize| index.get(&(c, b, 0)).copied().unwrap_or(0);
        let planted = Planted {
            diapers: at(4, 0),
            beer: at(3, 0),
            printer: at(9, 0),
            ink: at(9, 1),
            hotpot_base: at(1, 3),
            beef: at(0, 4),
            sesame_sauce: at(1, 4),
            tv: at(10, 0),
            soundbar: at(10, 1),
        };
        let special = [planted.tv, planted.soundbar];
        let pool = |f: &dyn Fn(i64) -> bool| -> Vec<usize> {
            (0..products.len()).filter(|&i| !special.contains(&i) && f(products[i].price)).collect()
        };
        let cheap = pool(&|p| p <= 4000);
        let mid = pool(&|p| p > 4000 && p <= 50_000);
        let big = pool(&|p| p >= 80_000);
        Catalog { categories: CATEGORIES.iter().map(|c| (c.zh, c.en)).collect(), products, planted, cheap, mid, big }
    }

    /// A category's name in the given language.
    pub fn category_name(&self, c: usize, lang: Lang) -> &'static str {
        let (zh, en) = self.categories[c];
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_300_products_with_unique_ids_and_names() {
        let c = Catalog::new();
        assert_eq!(c.products.len(), 320);
        assert_eq!(c.categories.len(), 12);
        let ids: std::collections::BTreeSet<_> = c.products.iter().map(|p| &p.id).collect();
        let zh: std::collections::BTreeSet<_> = c.products.iter().map(|p| &p.name_zh).collect();
        let en: std::collections::BTreeSet<_> = c.products.iter().map(|p| &p.name_en).collect();
        assert_eq!((ids.len(), zh.len(), en.len()), (320, 320, 320));
        assert!(c.products.iter().all(|p| p.cost > 0 && p.cost < p.price));
        assert!(c.products.iter().all(|p| !p.name_en.contains([',', '"']) && !p.name_zh.contains([',', '"'])));
        let p = c.planted;
        assert_eq!((c.products[p.diapers].name_zh.as_str(), c.products[p.beer].name_zh.as_str()), ("尿布", "啤酒"));
        assert_eq!(c.products[p.tv].name_en, "55-inch Smart TV");
        assert_eq!(c.products[p.soundbar].name_en, "Soundbar");
        assert!(
            c.cheap.len() > 60 && c.mid.len() > 100 && c.big.len() > 20,
            "{} {} {}",
            c.cheap.len(),
            c.mid.len(),
            c.big.len()
        );
    }
}
