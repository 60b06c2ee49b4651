# Activity-record generator shared by bench/ingest.sh and bench/inbox.sh.
# awk -v n=N -v run=ID -v accounts=FILE -f bench/gen-activities.awk > out.jsonl
# writes N contract records (shared/contracts/scan.md §2): one in ten by a
# registered demo account (FILE: "platform handle" lines), about one in six
# partisan; ids "r<run>-<i>".
BEGIN {
  na = 0
  while ((getline line < accounts) > 0) { split(line, f, " "); ap[na] = f[1]; ah[na] = f[2]; na++ }
  t[0]  = "Hari ini rapat koordinasi dinas pendidikan bersama kepala sekolah se-kecamatan, semua berjalan lancar."
  t[1]  = "Selamat pagi, jangan lupa sarapan sebelum berangkat kerja ya. Semoga hari ini penuh berkah."
  t[2]  = "Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"
  t[3]  = "Jadwal posyandu bulan depan sudah keluar, silakan cek di grup RT masing-masing."
  t[4]  = "Macet parah di jalan provinsi pagi ini, hati-hati di jalan teman-teman."
  t[5]  = "Mantap, semoga HERA menang! Tanjung Harapan Bangkit #HeRaMenang"
  t[6]  = "Alhamdulillah panen padi tahun ini lebih baik dari tahun lalu, terima kasih penyuluh pertanian."
  t[7]  = "Info lowongan PPPK guru sudah dibuka, cek situs resmi BKN untuk persyaratannya."
  t[8]  = "Nonton bareng timnas malam ini di balai desa, jangan sampai ketinggalan!"
  t[9]  = "Pelatihan aplikasi SRIKANDI untuk arsip dinamis dimulai minggu depan di aula kantor bupati."
  t[10] = "Pilih Prabowo-Gibran, lanjutkan! Coblos 02 #PrabowoGibran2024"
  t[11] = "Resep sayur asem ala ibu, segar dan cocok untuk makan siang keluarga."
  split("post comment share like photo story", k, " ")
  split("facebook instagram x tiktok", pf, " ")
  for (i = 0; i < n; i++) {
    kind = k[1 + i % 6]
    if (na > 0 && i % 10 == 0) { j = int(i / 10) % na; p = ap[j]; a = "@" ah[j] }
    else { p = pf[1 + i % 4]; a = "@user" (i % 50000) }
    field = (kind == "like" || kind == "share") ? "context_text" : "text"
    printf "{\"id\":\"r%s-%d\",\"platform\":\"%s\",\"kind\":\"%s\",\"author\":\"%s\",\"created_at\":\"2024-10-%02dT%02d:%02d:00+07:00\",\"url\":\"https://example.com/p/%d\",\"%s\":\"%s\"}\n", \
      run, i, p, kind, a, 1 + i % 28, i % 24, i % 60, i, field, t[(i * 7) % 12]
  }
}
