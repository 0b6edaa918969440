// 仓库汇总文件说明的文案（www/views/warehouse.js）。
export default {
  'file_kind.summary': '仓库汇总（clientele_*.csv）',
  'warehouse.title': '仓库汇总',
  'warehouse.summaries':
    '这些文件是 Clientele 配方在 {engine} 中生成的汇总（{files}），不是销售明细。客户分群、生命周期价值和关联规则的结果与明细数据相同。',
  'warehouse.needs_lines': '以下分析需要销售明细本身：{analyses}。',
  'warehouse.needs.sequences': '序列模式',
  'warehouse.needs.recommendations': '推荐',
  'warehouse.needs.segment_rules': '分群内的关联规则',
  'warehouse.needs.item_charts': '商品图表',
  'warehouse.needs.profiles': '属性画像',
};
