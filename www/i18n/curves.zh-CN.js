// 响应曲线（issue 18 第 4 项，种子文本中的评分曲线），位于生命周期标签页。
export default {
  'curves.title': '响应曲线：距上次购买的天数与再次购买',
  'curves.note':
    '客户的每个购买日是一个点，按距其上一次购买的天数归组；曲线为这些点之后 30 天内、90 天内再次购买的比例。只计入之后至少还有 {days} 天数据的购买（截至 {last}），比例不会因数据截止而偏低。同一天的多笔订单算一次购买。分群为客户当前的 RFM 分群。图中不画少于 {min} 次购买得出的比例（表格中仍列出）。',
  'curves.group': '客户',
  'curves.all': '全部客户',
  'curves.x': '距上次购买天数',
  'curves.bucket': '{from}–{to} 天',
  'curves.bucket_open': '{from} 天以上',
  'curves.first': '首次购买',
  'curves.points': '计入的购买',
  'curves.within30': '30 天内再次购买',
  'curves.within90': '90 天内再次购买',
  'curves.share': '比例',
  'curves.caption': '按距上次购买天数的响应：{group}',
  'curves.p_alive_title': 'BG/NBD：客户仍活跃的概率',
  'curves.p_alive': 'P(活跃)',
  'curves.p_alive_x': '距最近一次购买天数',
  'curves.p_alive_note':
    '典型的复购客户（复购 {frequency} 次，首次购买在数据截止前 {tenure} 天），随距最近一次购买天数增加的变化。来自拟合的 BG/NBD 模型。',
  'curves.p_alive_off': '在设置中勾选“{setting}”即可加入 BG/NBD 的 P(活跃) 曲线。',
};
