import type dashboardEn from './dashboard.en';

/** Same keys as dashboard.en.ts, every value a string: the compiler flags a missing key. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Pesan Beranda (src/dashboard) dalam Bahasa Indonesia, bahasa bawaan konsol. */
const dashboardId: Shape<typeof dashboardEn> = {
  dashboardStats: {
    period: {
      label: 'Periode',
      month: 'Bulan ini',
      quarter: 'Triwulan ini',
      year: 'Tahun ini',
      all: 'Semua',
      allHint: 'Seluruh pengaduan yang diterima',
      range: 'Diterima %{range} (WIB)',
    },
    updated: 'diperbarui %{time} WIB',
    kpi: {
      total: 'Pengaduan masuk',
      totalHint: 'Semua kanal, sesuai cakupan Anda',
      open: 'Belum selesai',
      openHint: 'Belum dijawab, ditutup, atau ditolak',
      overdue: 'Lewat batas waktu',
      overdueHint: 'Batas verifikasi atau tanggapan terlewati',
      responded: 'Sudah dijawab',
      respondedHint: '%{percent} dari pengaduan masuk',
      onTime: 'Tanggapan pertama tepat waktu',
      onTimeHint: '%{inTime} dari %{due} tanggapan pertama yang jatuh tempo',
      onTimeNone: 'Belum ada tanggapan yang jatuh tempo',
    },
    stack: {
      overdue: 'Lewat batas waktu',
      open: 'Dalam proses',
      done: 'Dijawab, ditutup, atau ditolak',
    },
    charts: {
      byOpd: 'Per perangkat daerah (OPD)',
      byOpdHint: 'Unit yang sedang menangani pengaduan',
      byStatus: 'Per status',
      byChannel: 'Per kanal',
      byProgram: 'Per program',
      byProgramHint: 'Program pemerintah yang diadukan',
      byCategory: 'Per kategori',
      atIntake: 'Belum diteruskan (di admin penerima)',
      noProgram: 'Tanpa program',
      noCategory: 'Tanpa kategori',
    },
    ranking: {
      title: 'Peringkat ketepatan waktu perangkat daerah',
      hint: 'Persentase tanggapan pertama yang diberikan dalam batas waktu, dari yang terbaik, dihitung sama dengan laporan kepatuhan: setiap penerusan pada periode ini di perangkat daerah yang menerimanya.',
      rank: 'No.',
      opd: 'Perangkat daerah',
      total: 'Diterima',
      responded: 'Dijawab',
      inTime: 'Tepat waktu / jatuh tempo',
      overdue: 'Lewat batas',
      onTime: '% tepat waktu',
      none: 'Belum ada',
      empty: 'Belum ada pengaduan yang diteruskan ke perangkat daerah pada periode ini.',
    },
    empty: 'Belum ada pengaduan pada periode ini.',
    error: 'Statistik tidak dapat dimuat.',
    footnote:
      '%{total} pengaduan, dihitung menurut tanggal diterima. Klik angka, batang grafik, atau nama perangkat daerah untuk membuka daftar pengaduan yang sesuai.',
  },
};

export default dashboardId;
