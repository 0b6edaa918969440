// 示例商店的导览 (zh-CN)。键以 'tour.' 开头，由 ./index.js 合并。
// 每个 {数字} 都在打开该步时从页面或示例商店的预设答案中读取。
export default {
  'tour.start': '开始导览',
  'tour.start_hint': '逐一讲解示例商店的每个视图：→ 下一步，← 上一步，P 演示大字，Esc 关闭。',
  'tour.counter': '第 {n} 步，共 {total} 步',
  'tour.announce': '第 {n} 步，共 {total} 步：{title}',
  'tour.prev': '上一步',
  'tour.next': '下一步',
  'tour.finish': '完成',
  'tour.presenter': '演示大字',
  'tour.close': '关闭导览',
  'tour.keys': '按键：→ 或 Enter 下一步 · ← 上一步 · P 演示大字 · Esc 关闭',
  'tour.loading': '正在打开视图…',
  'tour.failed': '这里无法打开该视图；按 → 继续，或自己打开它的标签页。',
  'tour.part.shows': '这里显示什么',
  'tour.part.truth': '预设了什么',
  'tour.part.do': '该怎么做',

  'tour.overview.title': '概览：每一行都有交代',
  'tour.overview.shows':
    '页面读取了 {rows} 行，丢弃 {dropped} 行；找到 {customers} 位客户、{orders} 个订单，净收入 {net}。',
  'tour.overview.truth':
    '示例商店生成时设定了 {plantedCustomers} 位客户和 {plantedOrders} 个订单，时间从 {first} 到 {last}：页面找到的正是这些。',
  'tour.overview.do': '用自己的数据时先看这里：如有行被丢弃，下表会说明原因，导入面板可以修正列的含义。',

  'tour.summary.title': '摘要：先给答案',
  'tour.summary.shows': '摘要列出数据能支持的发现，每条都有数字、小图表、行动建议和相关客户的导出。',
  'tour.summary.truth': '这些数字与后面各步来自同样的分析，因此必须与导览在那里显示的一致。',
  'tour.summary.do': '每周从这里开始；只有某条发现需要细看时才打开相应视图。',

  'tour.rfm.title': 'RFM：最近一次、频率、金额',
  'tour.rfm.shows':
    '每位客户按最近购买、购买次数和金额各得 1–5 分，组合成 11 个命名分群。这里：{championsName} {champions} 位，{atRiskName} {atRisk} 位，{cannotLoseName} {cannotLose} 位。',
  'tour.rfm.truth':
    '商店预设了 {plantedFriends} 位“知己”，一直规律购买到最后：他们应在“{championsName}”和“{loyalName}”中。{plantedChurned} 位流失客户在结束前至少 240 天就停止购买：他们应在“{atRiskName}”“{hibernatingName}”和“{lostName}”中。',
  'tour.rfm.do':
    '导出“{cannotLoseName}”的 {cannotLose} 位客户并亲自联系；给“{atRiskName}”的 {atRisk} 位客户发一次有回来理由的挽回优惠。',

  'tour.pareto.title': '集中度：少数客户撑起收入',
  'tour.pareto.shows': '前 20% 的客户贡献了 {top20} 的收入；基尼系数为 {gini}。',
  'tour.pareto.truth':
    '预设：{plantedFriends} 位“知己”占客户的 {friendsCustomerShare}，贡献了 {friendsSalesShare} 的净销售额。',
  'tour.pareto.do': '先保护最高层级的客户：靠服务和个人联系，而不是折扣。',

  'tour.quadrant.title': '忠诚度 × 利润：四类客户',
  'tour.quadrant.shows':
    '按利润中位数和忠诚度中位数划分：{friendsName} {friends} 位，{butterfliesName} {butterflies} 位，{barnaclesName} {barnacles} 位，{strangersName} {strangers} 位。',
  'tour.quadrant.truth':
    '预设：知己 {plantedFriends} 位，蝴蝶 {plantedButterflies} 位，藤壶 {plantedBarnacles} 位，过客 {plantedStrangers} 位（另有四种类型）。中位数划分总会填满四格，所以页面的人数更多：预设的客户是其中最典型的那部分。',
  'tour.quadrant.do': '对知己润物细无声，趁蝴蝶还在时把握机会，降低服务藤壶的成本，不在过客身上做长期投入。',

  'tour.flags.title': '价格敏感、消费下滑、利润为负',
  'tour.flags.shows':
    '针对单个客户的标记：{dealSeekersName} {dealSeekers} 位，{decliningName} {declining} 位，{belowZeroName} {belowZero} 位。',
  'tour.flags.truth':
    '预设：{plantedDealSeekers} 位价格敏感客户几乎只在打折时购买：页面标记的人数与此相同。另有 {plantedDecliners} 位消费下滑客户；“{decliningName}”还会包括其他最近 90 天消费减半的客户，所以人数更多。',
  'tour.flags.do': '停止给价格敏感客户发放无差别优惠券；在消费下滑的客户离开之前，问问他们发生了什么变化。',

  'tour.lifecycle.title': '生命周期：每位客户现在在哪个阶段',
  'tour.lifecycle.shows':
    '按每位客户自己的购买节奏衡量：{newCustomersName} {newCustomers} 位，{atRiskName} {atRisk} 位，{lapsedName} {lapsed} 位。',
  'tour.lifecycle.truth':
    '预设：{plantedNew} 位新客户在最后 100 天内加入；{plantedChurned} 位流失客户和 {plantedStrangers} 位只买一两次的过客应处于“{lapsedName}”。',
  'tour.lifecycle.do': '趁有风险的客户只是逾期时马上联系；对有价值的已流失客户尝试一次挽回，然后停止。',

  'tour.city.title': '最佳客户的特征',
  'tour.city.shows': 'A 级客户中有 {shareTop} 住在{city}，其他客户中为 {shareRest}：提升度 {lift}。',
  'tour.city.truth':
    '预设：{city}在最佳客户中比例偏高，A 级中的提升度为 {plantedLift}；其次的城市{otherCity}为 {otherLift}。',
  'tour.city.do': '问问{city}为什么好：门店、快递还是社群？在那里或其他城市如法炮制。',

  'tour.rules.title': '购物篮：哪些商品一起卖',
  'tour.rules.shows':
    '导览已用默认设置点击“查找规则”。{a} → {b}：{count} 个购物篮，置信度 {confidence}，提升度 {lift}。',
  'tour.rules.truth':
    '预设：含{a}的购物篮中有 {plantedConfidence} 会加上{b}；页面按实际生成的购物篮测量。较弱的预设规则 {c} → {d} 支持度只有 {cSupport}，低于最小值 {minSupport}。',
  'tour.rules.do': '把{b}放在{a}旁边，或在结账时推荐。降低最小支持度，可以找到 {c} → {d} 这样较少见的规则。',

  'tour.sequence.title': '序列：客户接下来买什么',
  'tour.sequence.shows':
    '导览已点击“查找序列”。先买{first}，{days} 天内再买{then}：{customers} 位客户，置信度 {confidence}，提升度 {lift}。',
  'tour.sequence.truth': '预设：{buyers} 位{first}买家中约 {plantedShare} 在几周后买了{then}。',
  'tour.sequence.do': '客户买了{first}后，几周内推送{then}的优惠。',

  'tour.clv.title': '客户终身价值：客户将来会买多少',
  'tour.clv.shows': '用第一年拟合的模型预计第二年有 {predicted} 次重复购买；实际为 {actual} 次。',
  'tour.clv.truth':
    '预设：{plantedChurned} 位流失客户和 {plantedDecliners} 位消费下滑客户在第二年停止或减少购买，这是第一年看不出来的；所以模型的预计高于实际。',
  'tour.clv.do': '按预期价值和仍活跃的概率给客户排序；在相信预测之前，用较近的留出期重新拟合。',

  'tour.end.title': '现在用你自己的数据',
  'tour.end.shows':
    '示例面板提供商店的两个文件和预设答案（种子 {seed}）下载，导览中的每个数字都可以在电子表格或命令行中核对。',
  'tour.end.truth':
    'demo_truth.json 列出了所有预设内容：{archetypes} 类客户、{rules} 条关联规则、一个购买序列和一个城市，以及它们在数据行中的实际结果。',
  'tour.end.do': '把你自己的销售导出文件拖到页面上，再按同样的顺序看一遍各个视图。文件只在这台电脑上读取，不会离开它。',
};
