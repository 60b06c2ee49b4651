// Command gencorpus writes a deterministic synthetic corpus of activity
// records (contract §2) for benchmarking `netral scan`: the screening-dev
// records recycled under new ids, plus posts generated from templates that
// mix everyday Indonesian, slang, emoji, numbers, campaign cues and, now
// and then, names, aliases and hashtags from a term list.
//
//	go run ./bench/gencorpus -n 200000 -dev ../shared/data/screening-dev/labelled.jsonl -terms terms.txt -o corpus.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strings"
)

var common = strings.Fields(`yang dan di ke dari ini itu untuk dengan pada tidak ada saya kita kami mereka
akan sudah belum masih juga karena tapi atau jadi bisa harus mau hari ini besok kemarin pagi siang sore malam
kantor dinas pegawai rapat apel laporan kegiatan warga desa kecamatan kabupaten kota jalan pasar sekolah guru
anak ibu bapak keluarga rumah makan minum kopi teh nasi goreng sate bakso hujan panas banjir macet libur
pelayanan masyarakat program bantuan sosial kesehatan puskesmas rumah sakit dokter obat vaksin posyandu
olahraga sepak bola voli badminton lari senam jalan sehat lomba juara hadiah piala tim latihan
kerja bakti gotong royong arisan pengajian yasinan masjid musala gereja doa syukur alhamdulillah
baliho spanduk poster jadwal acara undangan hadir datang kumpul foto video berita info informasi
pemilu pilkada kampanye debat calon tps kpu bawaslu netral asn pns surat suara coblos pilih dukung menang`)

var slang = strings.Fields(`gw gue lo yg gk gak ga udh udah blm bgt banget aja sih dong deh kok wkwk wkwkwk
mantap mantul keren gas kuy yuk otw btw santuy gabut baper kepo mager ngopi nongkrong jgn sy dgn utk tdk`)

var emoji = []string{"😂", "🙏", "👍", "🔥", "💪", "😍", "🤲", "🇮🇩", "😅", "✌️", "☝️", "👌", "🎉", "☕", "⚽"}

var kinds = []string{"post", "post", "post", "comment", "share", "like", "photo", "story", "video", "profile", "follow", "join_group"}
var platforms = []string{"facebook", "instagram", "x", "tiktok", "whatsapp"}

func main() {
	n := flag.Int("n", 200000, "number of records")
	seed := flag.Uint64("seed", 2024, "random seed")
	devPath := flag.String("dev", "", "labelled dev records to recycle (JSON Lines)")
	termsPath := flag.String("terms", "", "term list, one a line (names, aliases, slogans, hashtags)")
	out := flag.String("o", "-", "output file")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))

	var dev []map[string]any
	if *devPath != "" {
		f, err := os.Open(*devPath)
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				delete(m, "label")
				dev = append(dev, m)
			}
		}
		f.Close()
	}
	var terms []string
	if *termsPath != "" {
		b, err := os.ReadFile(*termsPath)
		if err != nil {
			log.Fatal(err)
		}
		for l := range strings.SplitSeq(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				terms = append(terms, l)
			}
		}
	}
	w := os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	defer bw.Flush()

	sentence := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch x := r.IntN(1000); {
			case x < 8 && len(terms) > 0:
				b.WriteString(terms[r.IntN(len(terms))])
			case x < 30:
				b.WriteString(emoji[r.IntN(len(emoji))])
			case x < 50:
				fmt.Fprintf(&b, "%d", r.IntN(30))
			case x < 200:
				b.WriteString(slang[r.IntN(len(slang))])
			default:
				w := common[r.IntN(len(common))]
				if r.IntN(12) == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
			}
			if r.IntN(9) == 0 {
				b.WriteString([]string{",", ".", "!", "?"}[r.IntN(4)])
			}
		}
		return b.String()
	}
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range *n {
		var m map[string]any
		if len(dev) > 0 && r.IntN(100) < 12 {
			src := dev[r.IntN(len(dev))]
			m = make(map[string]any, len(src))
			for k, v := range src {
				m[k] = v
			}
		} else {
			kind := kinds[r.IntN(len(kinds))]
			m = map[string]any{"kind": kind}
			switch kind {
			case "like", "follow", "join_group":
				m["context_text"] = sentence(6 + r.IntN(24))
			case "share", "comment":
				m["text"] = sentence(2 + r.IntN(10))
				m["context_text"] = sentence(8 + r.IntN(26))
			case "photo", "video":
				m["text"] = sentence(3 + r.IntN(12))
				m["media_captions"] = []string{"Foto " + sentence(6+r.IntN(16))}
			default:
				m["text"] = sentence(8 + r.IntN(38))
			}
			day := r.IntN(400)
			m["created_at"] = fmt.Sprintf("2024-%02d-%02dT%02d:%02d:00+07:00", 1+day%12, 1+day%28, r.IntN(24), r.IntN(60))
		}
		m["id"] = fmt.Sprintf("bench-%07d", i)
		m["platform"] = platforms[r.IntN(len(platforms))]
		m["author"] = fmt.Sprintf("@user%d", r.IntN(50000))
		if err := enc.Encode(m); err != nil {
			log.Fatal(err)
		}
	}
}
