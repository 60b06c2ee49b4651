package demo

// seedPerson is an employee whose account uses a handle that appears as an
// author in shared/data/screening-dev/labelled.jsonl, so that monitoring
// demos built on that development set attribute those activities to a demo
// employee. Only the platform and handle come from that file; the person
// (name, unit, position) is made up to fit the handle.
type seedPerson struct {
	platform string
	handle   string // without "@"
	female   bool
	given    string // first name(s); the generator adds a second name unless exact
	exact    bool   // given is the whole plain name
	opd      string // unit code
	jabatan  string // position title; "" means the head of the unit
	pppk     bool
	verified bool
}

// seedPeople lists 16 handles from the development set, on the platforms the
// set uses for them.
var seedPeople = []seedPerson{
	{platform: PlatformFacebook, handle: "sugeng.dpupr", given: "Sugeng", opd: "2.03", jabatan: "Teknik Tata Bangunan dan Perumahan Ahli Muda", verified: true},
	{platform: PlatformFacebook, handle: "siska.dukcapil", female: true, given: "Siska", opd: "2.06", jabatan: "Administrator Database Kependudukan Ahli Pertama", verified: true},
	{platform: PlatformFacebook, handle: "winda.rsud", female: true, given: "Winda", opd: "5.01", jabatan: "Perawat Ahli Pertama"},
	{platform: PlatformFacebook, handle: "joko.bpkad", given: "Joko", opd: "3.02", jabatan: "Analis Keuangan Pusat dan Daerah Ahli Muda", verified: true},
	{platform: PlatformFacebook, handle: "kabag.hukum", opd: "1.01.02", verified: true},
	{platform: PlatformFacebook, handle: "pak.edi.satpolpp", given: "Edi", opd: "2.07", jabatan: "Polisi Pamong Praja Penyelia"},
	{platform: PlatformFacebook, handle: "sulastri.dinsos", female: true, given: "Sulastri", exact: true, opd: "2.04", jabatan: "Pekerja Sosial Ahli Muda", verified: true},
	{platform: PlatformFacebook, handle: "yuni.kominfo", female: true, given: "Yuni", opd: "2.05", jabatan: "Pranata Humas Ahli Pertama", verified: true},
	{platform: PlatformFacebook, handle: "ridwan.kecamatan", given: "Ridwan", opd: "4.02", jabatan: titleKasiPem, verified: true},
	{platform: PlatformFacebook, handle: "dani.kelurahan", given: "Dani", opd: "4.01.02", jabatan: "Penata Layanan Operasional"},
	{platform: PlatformFacebook, handle: "darmadi.kec", given: "Darmadi", exact: true, opd: "4.03", jabatan: titleSekcam, verified: true},
	{platform: PlatformFacebook, handle: "sutarno.guru", given: "Sutarno", exact: true, opd: "2.01.04", jabatan: "Guru Ahli Madya"},
	{platform: PlatformInstagram, handle: "lestari.bappeda", female: true, given: "Sri Lestari", exact: true, opd: "3.01", jabatan: "Perencana Ahli Muda", verified: true},
	{platform: PlatformInstagram, handle: "dodi.bkd", given: "Dodi", opd: "3.03", jabatan: "Analis Sumber Daya Manusia Aparatur Ahli Pertama"},
	{platform: PlatformInstagram, handle: "bu.ratih.guru", female: true, given: "Ratih", opd: "2.01.06", jabatan: "Guru Ahli Muda", verified: true},
	{platform: PlatformTikTok, handle: "fauzan.hakim", given: "Fauzan Hakim", exact: true, opd: "2.05", jabatan: "Pranata Komputer Ahli Pertama", pppk: true},
}
