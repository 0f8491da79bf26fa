/**
 * Demo seed data for Kota Magelang (plain typed data, no database code).
 *
 * The organisation (Opds, service posts, SLA policies, categories, holidays) is read from
 * deploy/org/kota-magelang.json, the file a real installation loads with `npm run load-org`,
 * so the demo and a deployment share one source; this file adds the demo's programmes,
 * accounts and complaints.
 *
 * Region codes: the kecamatan and kelurahan codes (Kemendagri `PP.KK.CC.DDDD`)
 * were copied from the npm package `idn-area-data` 3.1.2 (`data/districts.csv` and
 * `data/villages.csv`, rows starting with `33.71`; data licensed ODbL), which compiles
 * them from official Kemendagri sources. Kota Magelang = 33.71: 3 kecamatan,
 * 17 kelurahan. No code here is invented.
 *
 * Everything else (OPD names and structure, service posts, users, complaints) is demo
 * data: OPD names follow Kota Magelang's public naming where known; people, phone
 * numbers and complaints are fictitious.
 *
 * Conventions used by the references in this file:
 * - `parentCode`, `defaultOpdCode`, `ownerOpdCode`, `opdCode` are `SeedOpd.code` values.
 * - `kelurahanCode` (service posts, complaint templates) is the `SeedOpd.code` of a
 *   KELURAHAN entry (e.g. `KEL-CACABAN`); its Kemendagri code is that entry's `regionCode`.
 * - `slaCode` is a `SeedSlaPolicy.code`; `programCode` a `SeedProgram.code`.
 */
import { OpdKind } from '../../modules/opds/opd-kind';
import { Role } from '../../auth/roles';
import { Channel, ComplaintType } from '../../modules/complaints/complaint.enums';
import { orgFileSchema, type OrgFile } from '../../setup/org-file';
import orgJson from '../../../deploy/org/kota-magelang.json';

/** Kota Magelang's organisation file, checked against its schema when loaded. */
export const ORG: OrgFile = orgFileSchema.parse(orgJson);

// ---------------------------------------------------------------------------
// 1. Organisation (Opd tree), parent before child
// ---------------------------------------------------------------------------

export interface SeedOpd {
  code: string;
  name: string;
  kind: OpdKind;
  parentCode: string | null;
  regionCode?: string;
}

export const PEMDA_CODE = 'PEMDA-MGL';

export const OPDS: SeedOpd[] = ORG.opds.map((o) => ({
  code: o.code,
  name: o.name,
  kind: o.kind,
  parentCode: o.parent,
  ...(o.regionCode ? { regionCode: o.regionCode } : {}),
}));

// ---------------------------------------------------------------------------
// 2. Service posts of Layanan Prima (RW posts; Mon & Thu 09:00-12:00 WIB)
// ---------------------------------------------------------------------------

export interface SeedServicePost {
  code: string;
  name: string;
  kelurahanCode: string;
  rw: string;
  address: string;
  schedule: { weekday: number; opensAt: string; closesAt: string }[];
}

/** The post the demo officer (`petugas.rw`) is assigned to. */
export const DEMO_OFFICER_POST_CODE = 'POS-CACABAN-RW03';

export const SERVICE_POSTS: SeedServicePost[] = ORG.servicePosts.map((p) => ({
  code: p.code,
  name: p.name,
  kelurahanCode: p.kelurahan,
  rw: p.rw,
  address: p.address,
  schedule: p.schedule.map((slot) => ({ ...slot })),
}));

// ---------------------------------------------------------------------------
// 3. SLA policies and categories
// ---------------------------------------------------------------------------

/** Each limit names its unit (SlaUnit): `WORKING_HOURS` is "1×24 jam" counted on working days only. */
export type SeedSlaPolicy = OrgFile['slaPolicies'][number];

export const SLA_POLICIES: SeedSlaPolicy[] = ORG.slaPolicies;

export interface SeedCategory {
  code: string;
  name: string;
  description: string;
  defaultOpdCode: string;
  slaCode: string;
}

export const CATEGORIES: SeedCategory[] = ORG.categories.map((c) => ({
  code: c.code,
  name: c.name,
  description: c.description,
  defaultOpdCode: c.defaultOpd!,
  slaCode: c.slaPolicy!,
}));

/**
 * Escalation beyond the parent's head (EscalationDirectory). Units directly under the city have
 * no head above them: their late complaints go to the city's complaint-management unit at
 * Diskominsta (the coordinator), and Diskominsta's own to the Inspektorat.
 */
export const ESCALATION_RULES: { opdCode: string | null; targetOpdCode: string; note: string }[] = [
  { opdCode: null, targetOpdCode: 'DISKOMINSTA', note: 'Koordinator pengelolaan pengaduan (SP4N-LAPOR!) untuk unit langsung di bawah Pemerintah Kota' },
  { opdCode: 'DISKOMINSTA', targetOpdCode: 'INSPEKTORAT', note: 'Pengaduan yang terlambat di Diskominsta diawasi Inspektorat' },
];

/** Model answers (polite, complete, signed by the unit), as the Malang guidance asks of answers. */
export const RESPONSE_TEMPLATES: { opdCode: string | null; categoryCode: string | null; title: string; body: string }[] = [
  {
    opdCode: null,
    categoryCode: null,
    title: 'Jawaban umum: sudah ditindaklanjuti',
    body: 'Yth. {pelapor},\n\nterima kasih atas laporan Anda ({kode}, "{judul}"). Laporan telah kami tindak lanjuti dengan … . Apabila masih terdapat kendala, silakan sampaikan kembali melalui halaman pelacakan.\n\nHormat kami,\n{unit}',
  },
  {
    opdCode: 'DINSOS',
    categoryCode: 'BANSOS',
    title: 'Bantuan sosial: data sudah diperiksa',
    body: 'Yth. {pelapor},\n\nterima kasih atas laporan {kode}. Data keluarga Anda telah kami periksa dalam DTKS pada {tanggal}. Hasilnya: … . Pendamping sosial kelurahan akan menghubungi Anda untuk langkah berikutnya.\n\nHormat kami,\n{unit}',
  },
];

// ---------------------------------------------------------------------------
// 4. Programmes
// ---------------------------------------------------------------------------

export interface SeedProgram {
  code: string;
  name: string;
  ownerOpdCode: string;
  description: string;
  eligibility: string;
  benefits: string;
  contact: string;
  startsOn: string | null;
  endsOn: string | null;
}

const CONTACT_LAYANAN_PRIMA = 'atau pos Layanan Prima di RW setempat (Senin dan Kamis, 09.00–12.00 WIB)';

export const PROGRAMS: SeedProgram[] = [
  {
    code: 'PKH',
    name: 'Program Keluarga Harapan (PKH)',
    ownerOpdCode: 'DINSOS',
    description:
      'Bantuan sosial bersyarat dari Kementerian Sosial bagi keluarga miskin dan rentan yang terdaftar dalam data terpadu kesejahteraan sosial. Di daerah, pendataan, verifikasi dan pendampingan dilaksanakan Dinas Sosial bersama pendamping PKH.',
    eligibility:
      'Keluarga terdaftar dalam data terpadu kesejahteraan sosial (DTKS/DTSEN) yang memiliki komponen kesehatan (ibu hamil, anak usia dini), pendidikan (anak usia sekolah) atau kesejahteraan sosial (lanjut usia, penyandang disabilitas berat).',
    benefits:
      'Bantuan uang non-tunai yang disalurkan bertahap melalui rekening/KKS atau kantor pos; besaran mengikuti komponen keluarga sesuai ketentuan Kementerian Sosial. Pendampingan dan pertemuan peningkatan kemampuan keluarga.',
    contact: `Dinas Sosial Kota Magelang, pendamping PKH kelurahan, ${CONTACT_LAYANAN_PRIMA}.`,
    startsOn: null,
    endsOn: null,
  },
  {
    code: 'BPNT',
    name: 'Bantuan Pangan Non Tunai (BPNT) / Program Sembako',
    ownerOpdCode: 'DINSOS',
    description: 'Bantuan pangan dari pemerintah pusat yang disalurkan secara non-tunai kepada keluarga penerima manfaat untuk membeli bahan pangan.',
    eligibility: 'Keluarga miskin dan rentan yang terdaftar dalam data terpadu kesejahteraan sosial (DTKS/DTSEN) dan ditetapkan sebagai penerima.',
    benefits: 'Bantuan pangan non-tunai per periode penyaluran; nilai dan jadwal sesuai ketentuan Kementerian Sosial.',
    contact: `Dinas Sosial Kota Magelang (Bidang Perlindungan dan Jaminan Sosial), ${CONTACT_LAYANAN_PRIMA}.`,
    startsOn: null,
    endsOn: null,
  },
  {
    code: 'PBI-JK',
    name: 'Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)',
    ownerOpdCode: 'DINSOS',
    description:
      'Iuran BPJS Kesehatan warga miskin dan tidak mampu dibayar pemerintah. Dinas Sosial mengusulkan dan memutakhirkan data peserta; layanan kesehatan diberikan di puskesmas dan rumah sakit.',
    eligibility: 'Warga miskin atau tidak mampu yang terdaftar dalam data terpadu kesejahteraan sosial dan diusulkan sebagai peserta PBI.',
    benefits: 'Kepesertaan BPJS Kesehatan kelas III tanpa membayar iuran.',
    contact: `Dinas Sosial Kota Magelang, Dinas Kesehatan, puskesmas terdekat, ${CONTACT_LAYANAN_PRIMA}.`,
    startsOn: null,
    endsOn: null,
  },
  {
    code: 'RTLH',
    name: 'Bantuan Perbaikan Rumah Tidak Layak Huni (RTLH)',
    ownerOpdCode: 'DISPERKIM',
    description:
      'Laporan rumah tidak layak huni ditindaklanjuti dengan survei kondisi rumah di lapangan oleh Dinas Perumahan dan Kawasan Permukiman. Rumah yang memenuhi kriteria diusulkan mendapat bantuan stimulan perbaikan.',
    eligibility:
      'Rumah milik sendiri di atas tanah yang sah, dihuni keluarga berpenghasilan rendah, dan kondisi atap, dinding atau lantai tidak memenuhi syarat layak huni berdasarkan hasil survei.',
    // Amount as in the Madiun seed article (Rp 15 juta per rumah); demo value.
    benefits: 'Bantuan stimulan perbaikan rumah sebesar Rp 15.000.000 per rumah, dikerjakan secara swadaya/gotong royong.',
    contact: `Dinas Perumahan dan Kawasan Permukiman Kota Magelang (Bidang Perumahan), kelurahan setempat, ${CONTACT_LAYANAN_PRIMA}.`,
    startsOn: null,
    endsOn: null,
  },
  {
    code: 'RODANYA-MAS-BAGIA',
    name: 'Rodanya Mas Bagia (Pemberdayaan Masyarakat Maju, Sehat dan Bahagia)',
    ownerOpdCode: 'BAPPEDA',
    description:
      'Program unggulan Pemerintah Kota Magelang sejak 2021: dana pemberdayaan untuk setiap RT yang penggunaannya diusulkan warga melalui rembug Rencana Kegiatan Masyarakat (RKM) dan dilaksanakan oleh Kelompok Masyarakat (Pokmas), untuk kegiatan fisik maupun non-fisik.',
    eligibility: 'Seluruh RT di Kota Magelang melalui Pokmas kelurahan, dengan kegiatan sesuai usulan RKM yang telah diverifikasi.',
    benefits: 'Dana Rp 30.000.000 per RT per tahun untuk kegiatan sesuai kebutuhan warga, dengan pendampingan tingkat kota, kecamatan dan kelurahan.',
    contact: `Kelurahan setempat, pendamping Rodanya Mas Bagia, ${CONTACT_LAYANAN_PRIMA}.`,
    startsOn: null,
    endsOn: null,
  },
  {
    code: 'INFO-LOKER',
    name: 'Informasi Lowongan Kerja dan Bursa Kerja',
    ownerOpdCode: 'DISNAKER',
    description:
      'Layanan informasi lowongan kerja, pendaftaran pencari kerja (kartu AK/1), bursa kerja (job fair) dan informasi pelatihan keterampilan bagi warga Kota Magelang.',
    eligibility: 'Warga usia kerja yang sedang mencari pekerjaan, termasuk lulusan SMA/SMK, diploma dan sarjana.',
    benefits: 'Informasi lowongan dan penempatan kerja, kartu pencari kerja, akses bursa kerja dan pelatihan kerja.',
    contact: `Dinas Tenaga Kerja Kota Magelang (Bidang Penempatan Tenaga Kerja dan Perluasan Kesempatan Kerja), ${CONTACT_LAYANAN_PRIMA}.`,
    startsOn: null,
    endsOn: null,
  },
];

// ---------------------------------------------------------------------------
// 5. Holidays 2026 (SKB 3 Menteri; national holidays and cuti bersama)
// ---------------------------------------------------------------------------

export interface SeedHoliday {
  date: string;
  name: string;
  kind: 'NATIONAL' | 'CUTI_BERSAMA';
}

export const HOLIDAYS_2026: SeedHoliday[] = ORG.holidays;

// ---------------------------------------------------------------------------
// 6. Users (passwords are handled elsewhere)
// ---------------------------------------------------------------------------

export interface SeedUser {
  username: string;
  name: string;
  role: Role;
  opdCode: string;
  phone?: string;
  email?: string;
  servicePostCode?: string;
}

const EMAIL_DOMAIN = 'magelangkota.go.id';

/** The kelurahan Opd of the demo officer's post. */
const DEMO_OFFICER_KELURAHAN_CODE = 'KEL-CACABAN';

export const DEMO_USERS: SeedUser[] = [
  {
    username: 'superadmin',
    name: 'Rina Kusumawardani',
    role: Role.SUPERADMIN,
    opdCode: 'DISKOMINSTA',
    phone: '081200000101',
    email: `superadmin@${EMAIL_DOMAIN}`,
  },
  {
    username: 'admin.tengah',
    name: 'Dwi Astuti Rahmawati',
    role: Role.ADMIN,
    opdCode: 'KEC-TENGAH',
    phone: '081200000102',
    email: `admin.tengah@${EMAIL_DOMAIN}`,
  },
  {
    username: 'admin.puskesmas',
    name: 'Sri Wahyuningsih',
    role: Role.ADMIN,
    opdCode: 'PKM-TENGAH',
    phone: '081200000103',
    email: `admin.puskesmas@${EMAIL_DOMAIN}`,
  },
  {
    username: 'petugas.rw',
    name: 'Agus Setiawan',
    role: Role.OFFICER,
    opdCode: DEMO_OFFICER_KELURAHAN_CODE,
    phone: '081200000104',
    email: `petugas.rw@${EMAIL_DOMAIN}`,
    servicePostCode: DEMO_OFFICER_POST_CODE,
  },
  {
    username: 'kepala.dinsos',
    name: 'Hendra Kurniawan',
    role: Role.UNIT_HEAD,
    opdCode: 'DINSOS',
    phone: '081200000105',
    email: `kepala.dinsos@${EMAIL_DOMAIN}`,
  },
  {
    username: 'staf.dinsos',
    name: 'Fitri Handayani',
    role: Role.UNIT_STAFF,
    opdCode: 'DINSOS',
    phone: '081200000106',
    email: `staf.dinsos@${EMAIL_DOMAIN}`,
  },
  {
    username: 'kepala.disperkim',
    name: 'Teguh Prasetyo',
    role: Role.UNIT_HEAD,
    opdCode: 'DISPERKIM',
    phone: '081200000107',
    email: `kepala.disperkim@${EMAIL_DOMAIN}`,
  },
  {
    username: 'walikota',
    name: 'Haryo Wibisono',
    role: Role.LEADER,
    opdCode: PEMDA_CODE,
    phone: '081200000108',
    email: `walikota@${EMAIL_DOMAIN}`,
  },
];

/**
 * Opd kinds that get a generated UNIT_HEAD, so that a complaint can be forwarded to any
 * of them (an Opd receives forwards only if it has a UNIT_HEAD). KELURAHAN and UPT are
 * included as well: lurah and kepala UPT are structural heads too.
 */
export const HEADED_OPD_KINDS: readonly OpdKind[] = [
  OpdKind.OPD,
  OpdKind.BIDANG,
  OpdKind.UPT,
  OpdKind.PUSKESMAS,
  OpdKind.KECAMATAN,
  OpdKind.KELURAHAN,
  OpdKind.BUMD,
];

function headTitle(opd: SeedOpd): string {
  switch (opd.kind) {
    case OpdKind.KECAMATAN:
      return `Camat ${opd.name.replace(/^Kecamatan /, '')}`;
    case OpdKind.KELURAHAN:
      return `Lurah ${opd.name.replace(/^Kelurahan /, '')}`;
    case OpdKind.BUMD:
      return `Direktur ${opd.name}`;
    default:
      return opd.code === 'INSPEKTORAT' ? 'Inspektur Daerah' : `Kepala ${opd.name}`;
  }
}

const OPDS_WITH_DEMO_HEAD = new Set(DEMO_USERS.filter((u) => u.role === Role.UNIT_HEAD).map((u) => u.opdCode));

/** One generated UNIT_HEAD (`kepala.<code lowercase>`) per headed Opd without a demo head. */
export const EXTRA_HEADS: SeedUser[] = OPDS.filter((o) => HEADED_OPD_KINDS.includes(o.kind) && !OPDS_WITH_DEMO_HEAD.has(o.code)).map((o) => {
  const username = `kepala.${o.code.toLowerCase()}`;
  return {
    username,
    name: headTitle(o),
    role: Role.UNIT_HEAD,
    opdCode: o.code,
    email: `${username}@${EMAIL_DOMAIN}`,
  };
});

// ---------------------------------------------------------------------------
// 7. Complaint templates and reporter names
// ---------------------------------------------------------------------------

export interface SeedComplaintTemplate {
  type: ComplaintType;
  channel: Channel;
  categoryCode: string;
  programCode?: string;
  title: string;
  description: string;
  kelurahanCode: string;
  address: string;
  rt?: string;
  rw?: string;
}

const C = ComplaintType.COMPLAINT;
const A = ComplaintType.ASPIRATION;
const I = ComplaintType.INFORMATION_REQUEST;

export const COMPLAINT_TEMPLATES: SeedComplaintTemplate[] = [
  // --- Bantuan sosial -------------------------------------------------------
  {
    type: C,
    channel: Channel.SERVICE_POST,
    categoryCode: 'BANSOS',
    programCode: 'PKH',
    title: 'Bantuan PKH tidak cair sejak tahap kedua',
    description:
      'Saya terdaftar sebagai penerima PKH sejak 2022, tetapi sejak tahap kedua tahun ini bantuan tidak masuk ke rekening KKS. Pendamping menyampaikan data saya perlu dimutakhirkan, namun sampai sekarang belum ada kejelasan. Mohon dicek apakah saya masih terdaftar.',
    kelurahanCode: 'KEL-CACABAN',
    address: 'RT 02/RW 03, Kelurahan Cacaban',
    rt: '02',
    rw: '03',
  },
  {
    type: C,
    channel: Channel.SERVICE_POST,
    categoryCode: 'BANSOS',
    programCode: 'BPNT',
    title: 'Saldo BPNT kosong saat hendak belanja',
    description:
      'Saat akan mengambil bahan pangan di agen, saldo kartu saya ternyata kosong, padahal tetangga sudah menerima. Saya lansia dan tinggal sendiri, mohon dibantu pengecekan penyaluran bulan ini.',
    kelurahanCode: 'KEL-GELANGAN',
    address: 'RT 04/RW 05, Kelurahan Gelangan',
    rt: '04',
    rw: '05',
  },
  {
    type: C,
    channel: Channel.WALK_IN,
    categoryCode: 'BANSOS',
    programCode: 'BPNT',
    title: 'Nama terhapus dari daftar penerima BPNT',
    description:
      'Nama keluarga kami tiba-tiba tidak ada lagi dalam daftar penerima BPNT, padahal kondisi ekonomi tidak berubah. Suami bekerja serabutan dan anak masih sekolah. Mohon penjelasan alasan penghapusan dan cara mengajukan kembali.',
    kelurahanCode: 'KEL-MAGERSARI',
    address: 'RT 01/RW 02, Kelurahan Magersari',
    rt: '01',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.SP4N_LAPOR,
    categoryCode: 'BANSOS',
    programCode: 'PKH',
    title: 'Penerima PKH di lingkungan kami diduga salah sasaran',
    description:
      'Ada penerima PKH di RT kami yang memiliki usaha dan kendaraan lebih dari satu, sementara beberapa keluarga yang jelas kekurangan belum pernah menerima bantuan. Mohon dilakukan verifikasi ulang data penerima.',
    kelurahanCode: 'KEL-KRAMAT-UTARA',
    address: 'RT 03/RW 06, Kelurahan Kramat Utara',
    rt: '03',
    rw: '06',
  },
  {
    type: I,
    channel: Channel.SERVICE_POST,
    categoryCode: 'BANSOS',
    programCode: 'PKH',
    title: 'Cara mendaftar sebagai penerima PKH',
    description:
      'Saya ibu rumah tangga dengan dua anak usia SD dan suami baru saja berhenti bekerja. Bagaimana prosedur agar keluarga kami bisa diusulkan masuk data terpadu dan menerima PKH? Dokumen apa saja yang perlu disiapkan?',
    kelurahanCode: 'KEL-PANJANG',
    address: 'RT 05/RW 07, Kelurahan Panjang',
    rt: '05',
    rw: '07',
  },
  {
    type: I,
    channel: Channel.EXTERNAL_APP,
    categoryCode: 'BANSOS',
    title: 'Status usulan masuk data terpadu kesejahteraan sosial',
    description:
      'Tiga bulan lalu saya mengajukan usulan masuk DTKS/DTSEN melalui kelurahan. Bagaimana cara mengetahui apakah usulan tersebut sudah diproses dan kapan hasilnya diumumkan?',
    kelurahanCode: 'KEL-REJOWINANGUN-SELATAN',
    address: 'RT 06/RW 04, Kelurahan Rejowinangun Selatan',
    rt: '06',
    rw: '04',
  },

  // --- Rumah tidak layak huni -------------------------------------------------
  {
    type: C,
    channel: Channel.WALK_IN,
    categoryCode: 'RTLH',
    programCode: 'RTLH',
    title: 'Rumah lansia hampir roboh dan atap bocor',
    description:
      'Rumah tetangga kami, seorang janda lansia, kondisinya memprihatinkan: kayu penyangga atap lapuk, genteng banyak yang pecah sehingga bocor saat hujan, dan dinding bagian belakang retak. Mohon dilakukan survei untuk bantuan perbaikan rumah.',
    kelurahanCode: 'KEL-REJOWINANGUN-UTARA',
    address: 'RT 03/RW 02, Kelurahan Rejowinangun Utara',
    rt: '03',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.WHATSAPP,
    categoryCode: 'RTLH',
    programCode: 'RTLH',
    title: 'Usulan RTLH sudah disurvei tetapi belum ada kabar',
    description:
      'Rumah saya sudah disurvei petugas untuk bantuan RTLH sekitar empat bulan lalu, tetapi sampai sekarang belum ada informasi apakah disetujui. Lantai masih tanah dan dinding sebagian bambu. Mohon informasi perkembangannya.',
    kelurahanCode: 'KEL-JURANGOMBO-SELATAN',
    address: 'RT 02/RW 06, Kelurahan Jurangombo Selatan',
    rt: '02',
    rw: '06',
  },
  {
    type: I,
    channel: Channel.CALL_CENTER,
    categoryCode: 'RTLH',
    programCode: 'RTLH',
    title: 'Syarat pengajuan bantuan rumah tidak layak huni',
    description:
      'Orang tua saya tinggal di rumah yang dindingnya retak dan atapnya rusak. Apa saja syarat pengajuan bantuan perbaikan RTLH, berapa besar bantuannya, dan ke mana berkas diserahkan?',
    kelurahanCode: 'KEL-KRAMAT-SELATAN',
    address: 'RT 01/RW 04, Kelurahan Kramat Selatan',
    rt: '01',
    rw: '04',
  },

  // --- Kesehatan / BPJS PBI ---------------------------------------------------
  {
    type: C,
    channel: Channel.CALL_CENTER,
    categoryCode: 'KESEHATAN',
    programCode: 'PBI-JK',
    title: 'Kartu BPJS PBI nonaktif saat berobat',
    description:
      'Ketika membawa ibu saya berobat ke puskesmas, kartu BPJS PBI-nya dinyatakan nonaktif sehingga harus membayar sebagai pasien umum. Kami tidak pernah menerima pemberitahuan. Mohon bantuan pengaktifan kembali.',
    kelurahanCode: 'KEL-KRAMAT-SELATAN',
    address: 'RT 04/RW 03, Kelurahan Kramat Selatan',
    rt: '04',
    rw: '03',
  },
  {
    type: C,
    channel: Channel.SERVICE_POST,
    categoryCode: 'KESEHATAN',
    programCode: 'PBI-JK',
    title: 'Bayi baru lahir belum terdaftar BPJS PBI',
    description:
      'Anak kedua kami lahir dua bulan lalu. Orang tuanya peserta PBI, tetapi bayi belum bisa didaftarkan dan kami harus membayar sendiri untuk imunisasi dan kontrol. Mohon petunjuk dan bantuan pendaftaran.',
    kelurahanCode: 'KEL-PANJANG',
    address: 'RT 02/RW 07, Kelurahan Panjang',
    rt: '02',
    rw: '07',
  },
  {
    type: C,
    channel: Channel.CALL_CENTER,
    categoryCode: 'KESEHATAN',
    title: 'Antrean pendaftaran puskesmas terlalu lama',
    description:
      'Pagi ini saya mengantre di loket pendaftaran puskesmas hampir dua jam, hanya satu loket yang buka dan banyak pasien lansia menunggu sambil berdiri. Mohon penambahan petugas atau sistem antrean daring.',
    kelurahanCode: 'KEL-JURANGOMBO-UTARA',
    address: 'RT 05/RW 01, Kelurahan Jurangombo Utara',
    rt: '05',
    rw: '01',
  },
  {
    type: A,
    channel: Channel.SOCIAL_MEDIA,
    categoryCode: 'KESEHATAN',
    title: 'Usul posyandu lansia diadakan dua kali sebulan',
    description:
      'Posyandu lansia di wilayah kami sangat membantu pemeriksaan tekanan darah dan gula darah. Kami mengusulkan jadwalnya ditambah menjadi dua kali sebulan dan disertai penyuluhan gizi.',
    kelurahanCode: 'KEL-TIDAR-SELATAN',
    address: 'RW 02, Kelurahan Tidar Selatan',
    rw: '02',
  },

  // --- Administrasi kependudukan ----------------------------------------------
  {
    type: C,
    channel: Channel.WEB,
    categoryCode: 'ADMINDUK',
    title: 'KTP-el belum jadi lebih dari sebulan',
    description:
      'Saya melakukan perekaman KTP-el lebih dari sebulan lalu, tetapi setiap kali menanyakan selalu dijawab blangko belum tersedia. KTP diperlukan untuk melamar pekerjaan. Mohon kepastian kapan bisa dicetak.',
    kelurahanCode: 'KEL-WATES',
    address: 'RT 03/RW 01, Kelurahan Wates',
    rt: '03',
    rw: '01',
  },
  {
    type: I,
    channel: Channel.WHATSAPP,
    categoryCode: 'ADMINDUK',
    title: 'Syarat pindah domisili dan perubahan KK',
    description:
      'Saya akan pindah dari luar kota ke Kelurahan Potrobangsan dan ikut Kartu Keluarga orang tua. Apa saja persyaratannya, apakah bisa diurus secara daring, dan berapa lama prosesnya?',
    kelurahanCode: 'KEL-POTROBANGSAN',
    address: 'RT 02/RW 05, Kelurahan Potrobangsan',
    rt: '02',
    rw: '05',
  },
  {
    type: C,
    channel: Channel.EXTERNAL_APP,
    categoryCode: 'ADMINDUK',
    title: 'Nama anak salah tulis di akta kelahiran',
    description:
      'Di akta kelahiran anak kami terdapat salah penulisan satu huruf pada nama sehingga tidak sama dengan Kartu Keluarga. Hal ini menghambat pendaftaran sekolah. Mohon informasi prosedur pembetulan.',
    kelurahanCode: 'KEL-MAGELANG',
    address: 'RT 01/RW 04, Kelurahan Magelang',
    rt: '01',
    rw: '04',
  },

  // --- Jalan dan drainase -----------------------------------------------------
  {
    type: C,
    channel: Channel.SOCIAL_MEDIA,
    categoryCode: 'JALAN-DRAINASE',
    title: 'Jalan berlubang membahayakan pengendara',
    description:
      'Di jalan lingkungan menuju sekolah dasar terdapat beberapa lubang cukup dalam yang tergenang air saat hujan. Sudah ada dua pengendara motor terjatuh minggu ini. Mohon segera ditambal.',
    kelurahanCode: 'KEL-KEDUNGSARI',
    address: 'RT 04/RW 02, Kelurahan Kedungsari',
    rt: '04',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.SP4N_LAPOR,
    categoryCode: 'JALAN-DRAINASE',
    title: 'Saluran drainase tersumbat, air meluap saat hujan',
    description:
      'Saluran air di depan rumah warga tersumbat sedimen dan sampah sehingga setiap hujan deras air meluap ke jalan dan masuk ke beberapa rumah. Mohon dilakukan normalisasi saluran.',
    kelurahanCode: 'KEL-MAGERSARI',
    address: 'RT 03/RW 05, Kelurahan Magersari',
    rt: '03',
    rw: '05',
  },
  {
    type: C,
    channel: Channel.EXTERNAL_APP,
    categoryCode: 'JALAN-DRAINASE',
    title: 'Jembatan kecil di kampung retak',
    description:
      'Jembatan kecil penghubung antarkampung yang setiap hari dilalui anak sekolah dan pejalan kaki mengalami retak pada bagian lantai dan pagar pengamannya patah. Mohon dicek kelayakannya sebelum terjadi kecelakaan.',
    kelurahanCode: 'KEL-TIDAR-UTARA',
    address: 'RT 02/RW 03, Kelurahan Tidar Utara',
    rt: '02',
    rw: '03',
  },
  {
    type: A,
    channel: Channel.SP4N_LAPOR,
    categoryCode: 'JALAN-DRAINASE',
    title: 'Usulan trotoar ramah difabel',
    description:
      'Kami mengusulkan perbaikan trotoar di sekitar kawasan pertokoan agar rata, tidak terputus, dan dilengkapi ubin pemandu serta ramp untuk pengguna kursi roda.',
    kelurahanCode: 'KEL-PANJANG',
    address: 'Kawasan pertokoan, Kelurahan Panjang',
  },

  // --- Sampah dan lingkungan --------------------------------------------------
  {
    type: C,
    channel: Channel.WHATSAPP,
    categoryCode: 'SAMPAH-LINGKUNGAN',
    title: 'Sampah di TPS menumpuk tidak diangkut',
    description:
      'Sampah di tempat penampungan sementara dekat permukiman sudah empat hari tidak diangkut, menimbulkan bau dan banyak lalat. Mohon jadwal pengangkutan diperbaiki.',
    kelurahanCode: 'KEL-TIDAR-UTARA',
    address: 'RT 01/RW 01, Kelurahan Tidar Utara',
    rt: '01',
    rw: '01',
  },
  {
    type: C,
    channel: Channel.SOCIAL_MEDIA,
    categoryCode: 'SAMPAH-LINGKUNGAN',
    title: 'Pembuangan sampah liar di bantaran sungai',
    description:
      'Setiap malam ada orang yang membuang sampah rumah tangga ke bantaran sungai di belakang permukiman. Tumpukan sampah makin banyak dan dikhawatirkan menyumbat aliran saat musim hujan. Mohon penertiban dan pemasangan papan larangan.',
    kelurahanCode: 'KEL-KRAMAT-UTARA',
    address: 'RT 05/RW 08, Kelurahan Kramat Utara',
    rt: '05',
    rw: '08',
  },
  {
    type: C,
    channel: Channel.WEB,
    categoryCode: 'SAMPAH-LINGKUNGAN',
    title: 'Bau menyengat dari limbah usaha rumahan',
    description:
      'Limbah cair dari usaha pengolahan makanan rumahan dibuang langsung ke saluran lingkungan sehingga menimbulkan bau menyengat, terutama sore hari. Mohon pembinaan pengelolaan limbah bagi pelaku usaha tersebut.',
    kelurahanCode: 'KEL-MAGERSARI',
    address: 'RT 04/RW 03, Kelurahan Magersari',
    rt: '04',
    rw: '03',
  },
  {
    type: A,
    channel: Channel.WEB,
    categoryCode: 'SAMPAH-LINGKUNGAN',
    title: 'Usul pembentukan bank sampah di setiap RW',
    description:
      'Kami mengusulkan pendampingan pembentukan bank sampah di setiap RW, termasuk pelatihan pemilahan dan pengolahan sampah organik, agar volume sampah ke TPS berkurang dan warga memperoleh tambahan penghasilan.',
    kelurahanCode: 'KEL-KEMIRIREJO',
    address: 'RW 03, Kelurahan Kemirirejo',
    rw: '03',
  },

  // --- Air minum --------------------------------------------------------------
  {
    type: C,
    channel: Channel.CALL_CENTER,
    categoryCode: 'AIR-MINUM',
    title: 'Air PDAM mati tiga hari',
    description:
      'Sudah tiga hari air tidak mengalir di rumah kami dan beberapa tetangga, tanpa pemberitahuan sebelumnya. Kami terpaksa membeli air galon untuk mandi dan memasak. Mohon segera ditangani dan diinformasikan penyebabnya.',
    kelurahanCode: 'KEL-POTROBANGSAN',
    address: 'RT 03/RW 02, Kelurahan Potrobangsan',
    rt: '03',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.SMS,
    categoryCode: 'AIR-MINUM',
    title: 'Tagihan air melonjak padahal pemakaian biasa',
    description:
      'Tagihan air bulan ini naik hampir tiga kali lipat, padahal pemakaian kami seperti biasa dan tidak ada kebocoran di dalam rumah. Mohon pengecekan meter air dan pencatatan stand meter.',
    kelurahanCode: 'KEL-TIDAR-SELATAN',
    address: 'RT 03/RW 02, Kelurahan Tidar Selatan',
    rt: '03',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.WHATSAPP,
    categoryCode: 'AIR-MINUM',
    title: 'Air keruh dan berbau',
    description:
      'Sejak dua hari lalu air yang keluar dari keran berwarna kecokelatan dan berbau. Kami khawatir tidak layak dipakai memasak. Mohon pengecekan jaringan pipa di wilayah kami.',
    kelurahanCode: 'KEL-GELANGAN',
    address: 'RT 02/RW 04, Kelurahan Gelangan',
    rt: '02',
    rw: '04',
  },

  // --- Ketenagakerjaan --------------------------------------------------------
  {
    type: I,
    channel: Channel.SERVICE_POST,
    categoryCode: 'KETENAGAKERJAAN',
    programCode: 'INFO-LOKER',
    title: 'Informasi lowongan kerja untuk lulusan SMK',
    description:
      'Anak saya lulusan SMK jurusan teknik otomotif dan sudah setahun belum bekerja. Mohon informasi lowongan kerja yang tersedia dan jadwal bursa kerja terdekat.',
    kelurahanCode: 'KEL-CACABAN',
    address: 'RT 04/RW 03, Kelurahan Cacaban',
    rt: '04',
    rw: '03',
  },
  {
    type: C,
    channel: Channel.WALK_IN,
    categoryCode: 'KETENAGAKERJAAN',
    programCode: 'INFO-LOKER',
    title: 'Sudah ikut pelatihan kerja tetapi belum ada penyaluran',
    description:
      'Saya sudah mengikuti pelatihan menjahit dari pemerintah kota dan memperoleh sertifikat, tetapi sampai sekarang belum ada informasi penyaluran kerja atau bantuan alat untuk usaha. Mohon tindak lanjutnya.',
    kelurahanCode: 'KEL-REJOWINANGUN-SELATAN',
    address: 'RT 02/RW 01, Kelurahan Rejowinangun Selatan',
    rt: '02',
    rw: '01',
  },
  {
    type: A,
    channel: Channel.SERVICE_POST,
    categoryCode: 'KETENAGAKERJAAN',
    programCode: 'INFO-LOKER',
    title: 'Usul pelatihan keterampilan bagi ibu rumah tangga',
    description:
      'Banyak ibu rumah tangga di RW kami ingin menambah penghasilan keluarga. Kami mengusulkan pelatihan tata boga, menjahit, atau pemasaran daring yang diadakan di balai RW pada siang hari.',
    kelurahanCode: 'KEL-GELANGAN',
    address: 'Balai RW 05, Kelurahan Gelangan',
    rw: '05',
  },

  // --- Pendidikan -------------------------------------------------------------
  {
    type: C,
    channel: Channel.WEB,
    categoryCode: 'PENDIDIKAN',
    title: 'Bantuan pendidikan siswa miskin belum diterima',
    description:
      'Anak saya kelas 8 SMP negeri dan sudah didata sebagai penerima bantuan pendidikan bagi siswa dari keluarga kurang mampu, tetapi hingga akhir semester bantuan belum diterima. Mohon penjelasan.',
    kelurahanCode: 'KEL-JURANGOMBO-UTARA',
    address: 'RT 03/RW 04, Kelurahan Jurangombo Utara',
    rt: '03',
    rw: '04',
  },
  {
    type: I,
    channel: Channel.SMS,
    categoryCode: 'PENDIDIKAN',
    title: 'Jadwal dan syarat pendaftaran beasiswa kuliah',
    description:
      'Apakah pemerintah kota membuka beasiswa bagi lulusan SMA dari keluarga tidak mampu yang akan kuliah? Kapan jadwal pendaftarannya dan apa saja persyaratannya?',
    kelurahanCode: 'KEL-KEMIRIREJO',
    address: 'RT 01/RW 02, Kelurahan Kemirirejo',
    rt: '01',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.SP4N_LAPOR,
    categoryCode: 'PENDIDIKAN',
    title: 'Pungutan seragam di sekolah negeri memberatkan',
    description:
      'Orang tua murid baru diminta membayar paket seragam dan buku dengan nominal yang cukup besar tanpa rincian. Bagi keluarga kami hal ini sangat memberatkan. Mohon klarifikasi apakah pungutan tersebut diperbolehkan.',
    kelurahanCode: 'KEL-KEDUNGSARI',
    address: 'RT 02/RW 06, Kelurahan Kedungsari',
    rt: '02',
    rw: '06',
  },
  {
    type: A,
    channel: Channel.WALK_IN,
    categoryCode: 'PENDIDIKAN',
    title: 'Usul bimbingan belajar gratis di balai RW',
    description:
      'Kami mengusulkan adanya bimbingan belajar gratis di balai RW bagi anak-anak dari keluarga kurang mampu, misalnya dengan melibatkan mahasiswa atau guru relawan, dua kali seminggu.',
    kelurahanCode: 'KEL-WATES',
    address: 'Balai RW 01, Kelurahan Wates',
    rw: '01',
  },

  // --- Penerangan jalan umum --------------------------------------------------
  {
    type: C,
    channel: Channel.SMS,
    categoryCode: 'PJU',
    title: 'Lampu jalan padam di gang menuju masjid',
    description:
      'Tiga lampu penerangan jalan di gang menuju masjid padam sejak dua minggu lalu. Jalan menjadi gelap saat warga berangkat salat subuh dan isya, dan rawan kejahatan. Mohon segera diperbaiki.',
    kelurahanCode: 'KEL-MAGELANG',
    address: 'RT 03/RW 02, Kelurahan Magelang',
    rt: '03',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.EXTERNAL_APP,
    categoryCode: 'PJU',
    title: 'Tiang lampu PJU miring hampir roboh',
    description:
      'Tiang lampu penerangan jalan di tepi jalan lingkungan miring setelah tertabrak kendaraan dan kabelnya menjuntai. Sangat berbahaya bagi pejalan kaki dan anak-anak. Mohon segera diamankan.',
    kelurahanCode: 'KEL-KEDUNGSARI',
    address: 'RT 01/RW 03, Kelurahan Kedungsari',
    rt: '01',
    rw: '03',
  },

  // --- Pemberdayaan (Rodanya Mas Bagia) ---------------------------------------
  {
    type: A,
    channel: Channel.SERVICE_POST,
    categoryCode: 'PEMBERDAYAAN',
    programCode: 'RODANYA-MAS-BAGIA',
    title: 'Usul dana Rodanya Mas Bagia untuk perbaikan balai RW',
    description:
      'Warga beberapa RT sepakat mengusulkan sebagian dana Rodanya Mas Bagia tahun depan dipakai untuk memperbaiki atap dan lantai balai RW yang dipakai untuk posyandu dan pertemuan warga. Mohon arahan penyusunan RKM-nya.',
    kelurahanCode: 'KEL-CACABAN',
    address: 'Balai RW 03, Kelurahan Cacaban',
    rw: '03',
  },
  {
    type: C,
    channel: Channel.SERVICE_POST,
    categoryCode: 'PEMBERDAYAAN',
    programCode: 'RODANYA-MAS-BAGIA',
    title: 'Penggunaan dana Rodanya Mas Bagia kurang transparan',
    description:
      'Warga belum pernah menerima laporan penggunaan dana Rodanya Mas Bagia di RT kami tahun ini dan kegiatan yang dilaksanakan berbeda dari hasil rembug warga. Mohon dilakukan pendampingan dan keterbukaan laporan oleh Pokmas.',
    kelurahanCode: 'KEL-REJOWINANGUN-UTARA',
    address: 'RT 06/RW 02, Kelurahan Rejowinangun Utara',
    rt: '06',
    rw: '02',
  },

  // --- Informasi publik dan lainnya -------------------------------------------
  {
    type: I,
    channel: Channel.WEB,
    categoryCode: 'INFO-PUBLIK',
    title: 'Permintaan data jumlah penerima bantuan sosial per kelurahan',
    description:
      'Untuk keperluan penelitian skripsi, saya memohon data agregat jumlah keluarga penerima PKH dan BPNT per kelurahan di Kota Magelang tahun berjalan (tanpa data pribadi).',
    kelurahanCode: 'KEL-WATES',
    address: 'RT 04/RW 02, Kelurahan Wates',
    rt: '04',
    rw: '02',
  },
  {
    type: C,
    channel: Channel.SOCIAL_MEDIA,
    categoryCode: 'INFO-PUBLIK',
    title: 'Jadwal pos Layanan Prima tidak diumumkan',
    description:
      'Di RW kami belum ada pengumuman tentang pos Layanan Prima, kapan buka dan di mana tempatnya. Banyak warga lansia tidak tahu harus mengadu ke mana. Mohon sosialisasi melalui RT/RW dan papan pengumuman.',
    kelurahanCode: 'KEL-JURANGOMBO-SELATAN',
    address: 'RW 09, Kelurahan Jurangombo Selatan',
    rw: '09',
  },
  {
    type: C,
    channel: Channel.SMS,
    categoryCode: 'LAINNYA',
    title: 'Parkir kendaraan menutup akses jalan warga',
    description:
      'Kendaraan pengunjung sebuah usaha sering diparkir di badan jalan lingkungan sehingga menutup akses keluar masuk rumah warga dan menyulitkan ambulans. Mohon penertiban.',
    kelurahanCode: 'KEL-POTROBANGSAN',
    address: 'RT 01/RW 03, Kelurahan Potrobangsan',
    rt: '01',
    rw: '03',
  },
];

export const REPORTER_NAMES: string[] = [
  'Siti Aminah',
  'Sutrisno',
  'Sri Lestari',
  'Bambang Hermanto',
  'Endang Purwanti',
  'Joko Susilo',
  'Tri Wulandari',
  'Suparman',
  'Nur Hidayah',
  'Heru Santoso',
  'Wahyu Nugroho',
  'Yuliana Sari',
  'Ahmad Fauzi',
  'Sumarni',
  'Budi Raharjo',
  'Rini Anggraeni',
  'Eko Prasetyo',
  'Sugiyanto',
  'Dewi Kartikasari',
  'Mulyadi',
  'Retno Wijayanti',
  'Slamet Widodo',
  'Suharti',
  'Arif Rahman',
  'Lestari Handayani',
  'Darmanto',
  'Puji Astuti',
  'Yusuf Hakim',
  'Warsini',
  'Dimas Saputra',
  'Anisa Rahmawati',
  'Tukiman',
];
