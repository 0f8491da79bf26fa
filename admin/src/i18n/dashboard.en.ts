/**
 * English messages of the dashboard (src/dashboard), merged into en.ts's messages by
 * the i18n provider. dashboard.id.ts must have the same keys (the compiler checks).
 */
const dashboardEn = {
  dashboardStats: {
    period: {
      label: 'Period',
      month: 'This month',
      quarter: 'This quarter',
      year: 'This year',
      all: 'All',
      allHint: 'All complaints received',
      range: 'Received %{range} (WIB)',
    },
    updated: 'updated %{time} WIB',
    kpi: {
      total: 'Complaints received',
      totalHint: 'All channels, in your scope',
      open: 'Open',
      openHint: 'Not yet answered, closed or rejected',
      overdue: 'Overdue',
      overdueHint: 'Verification or response deadline passed',
      responded: 'Answered',
      respondedHint: '%{percent} of complaints received',
      onTime: 'First response on time',
      onTimeHint: '%{inTime} of %{due} first responses due',
      onTimeNone: 'No first response due yet',
    },
    stack: {
      overdue: 'Overdue',
      open: 'In progress',
      done: 'Answered, closed or rejected',
    },
    charts: {
      byOpd: 'By agency (OPD)',
      byOpdHint: 'The unit currently handling each complaint',
      byStatus: 'By status',
      byChannel: 'By channel',
      byProgram: 'By programme',
      byProgramHint: 'Government programmes the complaints are about',
      byCategory: 'By category',
      atIntake: 'Not forwarded yet (at intake)',
      noProgram: 'No programme',
      noCategory: 'No category',
    },
    ranking: {
      title: 'Agencies ranked by response time',
      hint: 'Share of first responses given within the deadline, best first, counted as in the compliance report: each forward of the period at the agency that received it.',
      rank: 'No.',
      opd: 'Agency',
      total: 'Received',
      responded: 'Answered',
      inTime: 'On time / due',
      overdue: 'Overdue',
      onTime: 'On time %',
      none: 'None due',
      empty: 'No complaints were forwarded to an agency in this period.',
    },
    empty: 'No complaints in this period.',
    error: 'The figures could not be loaded.',
    footnote: '%{total} complaints, counted by the date they were received. Click a figure, a bar or an agency to open the matching complaints.',
  },
};

export default dashboardEn;
