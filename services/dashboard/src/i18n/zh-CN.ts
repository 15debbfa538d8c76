import type { en } from './en.ts'

/** Simplified Chinese, the default language. Same keys as en.ts. */
export const zhCN: typeof en = {
  app: { title: 'MillStream 纺织数据平台', language: 'English', languageLabel: '切换为英文', signOut: '退出', skip: '跳到正文', home: '工厂' },
  nav: { live: '实时与OEE', energy: '能源', platform: '平台', plants: '工厂', scores: '评分', reports: '报告' },
  signIn: { title: '登录', name: '用户名', password: '密码', submit: '登录', wrong: '用户名或密码错误', limited: '尝试次数过多，请一分钟后再试', failed: '登录失败：{message}' },
  common: {
    loading: '加载中…', error: '加载失败：{message}', forbidden: '无权打开此页面：它属于其他工厂或企业。',
    notAvailable: '暂未提供', notAvailableWhy: '接口尚未提供（{what}）；宁可不显示，也不显示编造的数字。',
    notInDashboard: '本页尚未展示', notInDashboardWhy: '接口已提供（{what}），仪表板尚未展示。',
    noRows: '此期间无数据', timeZone: '时间为 {tz}', today: '今天', days7: '近7天', days30: '近30天', range: '期间',
    exportXlsx: '导出Excel', updated: '更新于 {time}', total: '合计', line: '产线', machine: '设备', plant: '工厂', firm: '企业', day: '日期',
  },
  live: {
    title: '设备实时状态', lost: '实时连接已断开，正在重连…', connecting: '正在连接实时数据…', since: '已持续 {duration}',
    noMachines: '此产线无设备', legend: '状态',
  },
  state: { running: '运行', idle: '待机', down: '故障停机', setup: '调机', planned_stop: '计划停机', off: '关机', no_data: '无数据', unknown: '未知' },
  oee: {
    title: '今日各产线OEE', oee: 'OEE', availability: '时间开动率', performance: '性能开动率', quality: '合格品率',
    qualityNotMeasured: '未上报合格数', trend: '近7天各产线OEE', shifts: '按班次', shiftsWhat: '按工厂班次日历分行的数据',
  },
  textile: {
    loomEfficiency: '织机效率', picks: '纬纱数', stopsPer1e5: '每10⁵纬停台次', spinningEfficiency: '纺纱效率', producedKg: '产量', 
    title: '织机效率与纺纱效率', what: '纺织效率接口（按纬纱数的织机效率、纺纱效率）' },
  pareto: { title: '今日停机原因排列图', reason: '原因', count: '停机次数', down: '停机时长', cumulative: '累计占比', none: '今日无停机' },
  machine: {
    title: '设备 {name}', type: '类型', idealRate: '理论速率', ratedPower: '额定功率', stateNow: '当前状态', stateDays: '近7天各状态时长',
    stops: '近7天停机原因', changes: '本页打开以来的状态变化', noChanges: '尚无变化', at: '时间', back: '返回工厂',
    timeline: '按分钟的状态时间线', timelineWhat: '按分钟的状态时间线接口',
  },
  energy: {
    band: '时段', cost: '电费', totalCost: '总电费', meetsRule: '达到90%', yes: '是', no: '否', meetRule: '{m}台设备中{n}台达标', 
    title: '能源', byMedium: '全厂进线按介质逐日用量', byLine: '各产线设备计量', medium: '介质', consumption: '用量', idle: '非运行时耗能',
    offShift: '班外耗能', coal: '标准煤与二氧化碳', coalEquivalent: '折标准煤（当量值）', coalEqual: '折标准煤（等价值）',
    co2: '二氧化碳', factor: '系数 {value} {unit}，{year}年（{status}）', meters: '总表与分表对比', incomers: '进线总表', subMeters: '产线分表',
    unmetered: '总表 − 分表', quality: '数据质量（已剔除的跳变）', device: '设备', samples: '样本数', late: '迟到', duplicates: '重复',
    tooLate: '超时丢弃', discontinuities: '跳变', noEvents: '此期间无数据质量事件',
    sec: '单位产品能耗与定额等级',
    tou: '峰平谷用电与电费', touWhat: '分时电价日历与电价', enpi: '能源绩效参数（EnPI）与基准',
    completeness: '数据完整率（90%规则）', completenessWhat: '数据覆盖率接口',
  },
  factorStatus: { verified: '已核实', secondary: '二手来源', unverified: '未核实', maybe: '待确认' },
  // Stop reason codes of the seeds and simulator; an unknown code is shown as sent.
  reason: { bale_laydown: '排包', beam_change: '了机换轴', blade_change: '换刀片', blockage: '堵塞', 'break': '断头', breakdown: '设备故障', choke: '堵花', cleaning: '清洁', doffing: '落纱', down_refill: '补充羽绒', fabric_break: '断布', hole_stop: '破洞停机', lap_change: '换卷', lot_change: '换批', maintenance: '保养维修', needle_break: '断针', needle_change: '换针', no_material: '缺料', not_scheduled: '未排产', operator_away: '人员离岗', other_stop: '其他停机', pump_fault: '泵故障', rewind: '倒纱', roll_doff: '落布', rotor_cleaning: '清洁转杯', roving_break: '粗纱断头', roving_out: '粗纱用完', scale_calibration: '秤校准', shade_check: '对色', sliver_break: '棉条断头', sliver_out: '棉条用完', spinneret_change: '换喷丝板', splicer_fault: '捻接器故障', spreading: '铺布', style_change: '换款', thread_break: '断线', tow_break: '丝束断', unload_load: '装卸', viscose_supply: '粘胶供应', warp_break: '经停', weft_break: '纬停', yarn_break: '断纱', unspecified: '未注明原因' },
  band: { tip: '尖峰', peak: '高峰', flat: '平段', valley: '低谷', deep_valley: '深谷' },
  medium: { electricity: '电', steam: '蒸汽', water: '水', gas: '天然气' },
  platform: {
    coal: '折标准煤',
    rankingPeriod: '近 24 小时的最新评分（评分服务逐小时计算）。',
    title: '平台', plants: '企业共享的工厂', reporting: '上报状态', silent: '已停止上报', reportingOk: '正常上报', samples: '样本数（15分钟）',
    energyTotals: '共享的近30天能耗', ranking: '按数字化与能源评分的工厂和企业排名', rankingWhat: '评分接口',
    cluster: '集群', digitalization: '数字化', energyScore: '能源', rank: '排名', percentile: '百分位', completeness: '数据完整率', withheld: '未评分原因', plantsCount: '工厂数', plantsWithoutData: '无数据', evidence: '各评分的依据与诊断', evidenceWhat: '最新评分记录接口',
    clusters: '产业集群（县区）合计与分位数', clustersWhat: '集群汇总接口', shared: '仅显示各企业共享的内容。',
  },
  units: { kWh: '千瓦时', t: '吨', m3: '立方米', Nm3: '标准立方米', kgce: '千克标准煤', tce: '吨标准煤', kgCo2: '千克CO₂', tCo2: '吨CO₂', h: '小时', min: '分钟', s: '秒', perMin: '/分钟', kW: '千瓦', kg: '千克' },
  duration: { hm: '{h}小时{m}分', ms: '{m}分{s}秒', s: '{s}秒' },
  countUnit: { kg: '千克', m: '米', piece: '件', pick: '纬', doff: '落纱' },
  basis: { kg: '千克', m100: '百米', piece: '件', picks1e5: '10⁵ 纬', doff: '落纱' },
  apiReason: {
    noOutput: '本期无产量', noBenchmark: '产品类别 {family} 没有定额标准', noFamily: '登记信息中该产线没有产品类别',
    mixedUnits: '产量有多种计量单位（{units}），能耗无法在其间分摊', otherBasis: '定额按 {benchmark} 计，产量按 {output} 计',
    baselineTooFew: '暂无基准：本期之前的历史天数不足', baselineFlat: '无基准：基准期内产量没有变化', noTariff: '登记信息中该工厂没有电价',
  },
  sec: {
    output: '产量', kgce: '能耗（当量值）', sec: '单位产品能耗', advanced: '1 级（先进值）', limit: '3 级（限定值）', gradeTitle: '等级',
    grade: '{grade} 级', overLimit: '超过限定值', ofLimit: '为限定值的 {share}',
    note: '各产线设备电表折标准煤除以产量（有合格品计数时用合格品），与产品类别的定额等级比较。',
  },
  enpi: { units: '能耗单位：千克标准煤（当量值）；产量单位：标准工时（理想生产时间之和）', model: '基准：能耗 = {a} 千克标准煤 + {b} 千克标准煤 × 标准工时（R² {r2}，{n} 天）', output: '产量（小时）', actual: '实际', expected: '预期', saved: '节约', index: '指数' },
  scores: {
    title: '评分', model: '数字化评分与能源评分（0-100）及其组成与依据', period: '周期',
    periods: { rolling_24h: '近 24 小时（逐小时）', day: '按日', month: '按月' }, latest: '最新评分', none: '本期暂无评分',
    digitalization: '数字化', energy: '能源', status: { ok: '已评分', insufficient_data: '数据不足' }, history: '评分历史',
    components: '{kind}评分：组成', whyNone: '未评分原因', component: '组成项', value: '值', target: '起点 → 目标', weight: '权重', points: '得分',
    unavailable: '无数据', evidence: '依据（对照工信部《中小企业数字化水平评测指标》2024 年版）', indicator: '指标', band: '区间',
    networking: '设备联网率', digitalRate: '设备数字化率', links: '数据采集环节', scenes: '场景：设备管理、能源管理',
    evidenced: '有依据的得分', noOfficialLevel: '遥测数据仅作依据，不代表工信部正式评定等级。',
    sufficiency: '已连接设备 {connected} / {registered} 台，数据完整率 {completeness}', meetsRule: '满足 90% 规则', missesRule: '未满足 90% 规则',
    diagnosis: '最能提升评分的改进', noDiagnosis: '该记录没有改进建议', pointsUnit: '分',
  },
  scoreComponent: {
    D1: '设备联网率', D2: '数据采集率', D3: '数据完整率', D4: '数据及时率', D5: '设备级能源计量', D6: '停机原因归因', D7: 'KPI 可计算性',
    E1: '单位产品能耗对标', E2: '能源绩效参数（对自身基准）', E3: '空转与非班次能耗占比', E4: '高峰时段负荷转移',
  },
  reports: {
    title: '报告', intro: '报表服务为本厂生成的报告，均有中文和英文的 PDF 与 Excel 版本。', list: '本厂报告', none: '暂无报告',
    kind: '报告', period: '周期', covers: '日期', warnings: '提示', generated: '生成时间', files: '下载',
    kinds: { 'energy-monthly': '月度能源报告', 'daily-summary': '日报', 'online-monitoring': '在线监测指标（GB/T 37947）', 'energy-monthly-firm': '企业月度能源报告' },
    fileNames: { pdfZh: 'PDF 中文', pdfEn: 'PDF English', xlsxZh: 'Excel 中文', xlsxEn: 'Excel English' },
  },
}
