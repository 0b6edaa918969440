// 活动效果（对照组）功能的中文文本：分群导出的对照组（./views/control-group.js）、
// “活动”标签页（./views/campaign.js），以及内核 `campaign.*` 错误代码的消息。

export default {
  // ---- 每次分群导出的对照组 ----
  'control.title': '导出的对照组',
  'control.share': '对照组比例（%）',
  'control.seed': '随机种子',
  'control.new_seed': '换一个种子',
  'control.why':
    '每次导出都会随机留出一部分客户作为对照组（“group”列：触达组 / 对照组）。请不要触达对照组：活动结束后，对照组的购买表示触达组本来也会购买的部分，两组之差才是活动带来的效果。请保留该文件及其种子，活动后把它拖到“活动”标签页。',
  'control.note':
    '比例 {share}%，种子 {seed}：同一种子在这里和 `clientele customers --control-share` 中得到同样的分组。',

  // ---- 活动标签页 ----
  'tab.campaign': '活动',
  'campaign.title': '用对照组衡量活动效果',
  'campaign.intro':
    '拖入活动名单文件（客户ID列和组别列：触达组 / 对照组、contacted / control 或 1 / 0；可选分群列和开始日期列）。响应者：在 [开始日期, 开始日期 + 窗口) 内至少有一条购买记录的客户。文件在本机读取，与销售数据相同。',
  'campaign.drop': '选择或拖入活动名单文件',
  'campaign.start': '开始日期',
  'campaign.window': '响应窗口（天）',
  'campaign.cost': '每次触达成本',
  'campaign.margin': '毛利率（占净销售额的比例）',
  'campaign.run': '计算',
  'campaign.loading': '正在计算…',
  'campaign.none': '尚未选择活动名单文件。',
  'campaign.file': '文件 {file}：{rows} 行；{noId} 行无客户ID，{dup} 行重复。',
  'campaign.not_in_sales': '不在销售数据中（单独计数）：触达组 {contacted} 人，对照组 {control} 人。',
  'campaign.groups': '按组',
  'campaign.group': '组别',
  'campaign.group.contacted': '触达组',
  'campaign.group.control': '对照组',
  'campaign.group.uplift': '提升（触达组 − 对照组）',
  'campaign.col.customers': '客户数',
  'campaign.col.responders': '响应客户数',
  'campaign.col.rate': '响应率',
  'campaign.col.interval': '95% 置信区间',
  'campaign.col.orders': '订单数',
  'campaign.col.net': '人均净销售额',
  'campaign.col.net_interval': '95% 置信区间（Welch）',
  'campaign.value': '价值',
  'campaign.incremental_responders': '增量响应客户',
  'campaign.incremental_revenue': '增量收入',
  'campaign.incremental_revenue_interval': '增量收入 95% 置信区间',
  'campaign.cost_total': '触达总成本',
  'campaign.profit': '增量利润',
  'campaign.roi': '投资回报率（ROI）',
  'campaign.segments': '按分群',
  'campaign.segments.file': '分群来自文件的分群列。',
  'campaign.segments.rfm_at_start': '分群为 {date} 时的 RFM 分群（no_history：此前无购买）。',
  'campaign.col.segment': '分群',
  'campaign.col.contacted': '触达组（响应 / 客户）',
  'campaign.col.control': '对照组（响应 / 客户）',
  'campaign.col.uplift': '响应率提升',
  'campaign.col.net_uplift': '人均净销售额提升',
  'campaign.method':
    '区间：各组响应率用 Wilson 区间，响应率之差用 Newcombe 混合得分区间，均值之差用 Welch 区间。增量收入 = 人均净销售额提升 × 触达客户数；ROI =（增量收入 × 毛利率 − 成本）/ 成本。',

  // ---- 内核错误（campaign.*） ----
  'campaign.empty_file': '活动名单文件为空，需要表头行和每位客户一行。',
  'campaign.unreadable': '无法读取活动名单文件（{detail}）。',
  'campaign.missing_column': '活动名单文件没有{column}列（现有列：{columns}）。',
  'campaign.bad_group': '组别“{value}”既不是触达组也不是对照组（请用 触达组 / 对照组、contacted / control 或 1 / 0）。',
  'campaign.bad_start': '开始日期“{value}”不是日期（请用 YYYY-MM-DD）。',
  'campaign.customer_in_both_groups':
    '客户 {customer} 同时在两个组中（首次出现在第 {firstRow} 行）；每位客户只能属于触达组或对照组之一。',
  'campaign.no_start': '缺少活动开始日期：请设置，或在文件中提供开始日期列。',
  'campaign.bad_param': '设置 {name} = {value} 超出范围。',
};
