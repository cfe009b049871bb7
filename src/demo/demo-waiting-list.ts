// The demo's RT/RW head has sent a short list that waits for the kelurahan operator, so the review screen and
// the correction of a rejected row can be tried at once.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_NEIGHBOURHOOD_HEAD } from '../auth/seed-demo-users.ts';
import { findUserByUsername } from '../auth/user-repository.ts';
import type { DatabaseClient } from '../db/database.ts';
import { submitIntakeFile } from '../intake/submit-intake-file.ts';

const HEADER =
  'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid';
// Three families of RW 001 Tebet Timur. Row 7 (the file's line 7) holds an NIK that Excel turned into
// 3.17402E+15: rejected until the operator types it again (3174015706990002).
const ROWS = [
  '3174012003150007,3174011203780003,BAMBANG SUTRISNO,L,JAKARTA,12/03/1978,KEPALA KELUARGA,KAWIN,OJEK ONLINE,JL. TEBET TIMUR DALAM II NO. 14,003,001,31.74.01.1001,081311220457,T,Y',
  '3174012003150007,3174016508820002,SRI WAHYUNI,P,SURAKARTA,25/08/1982,ISTRI,KAWIN,MENGURUS RUMAH TANGGA,JL. TEBET TIMUR DALAM II NO. 14,003,001,31.74.01.1001,,T,Y',
  '3174012003150007,3174010411080001,DIMAS PRASETYO,L,JAKARTA,04/11/2008,ANAK,BELUM KAWIN,PELAJAR/MAHASISWA,JL. TEBET TIMUR DALAM II NO. 14,003,001,31.74.01.1001,,T,Y',
  '3174011507120004,3174010107600001,H. MUCHTAR BIN SALEH,L,JAKARTA,01/07/1960,KEPALA KELUARGA,KAWIN,PEDAGANG,GG. H. MAWI NO. 7,005,001,31.74.01.1001,085693310021,T,Y',
  '3174011507120004,3174014902650001,FATIMAH,P,JAKARTA,09/02/1965,ISTRI,KAWIN,MENGURUS RUMAH TANGGA,GG. H. MAWI NO. 7,005,001,31.74.01.1001,,T,Y',
  '3174011507120004,3.17402E+15,NURUL HIDAYAH,P,JAKARTA,17/06/1999,ANAK,BELUM KAWIN,KARYAWAN SWASTA,GG. H. MAWI NO. 7,005,001,31.74.01.1001,,T,Y',
  '3174010203180009,3174013012850001,YOHANES SIMANJUNTAK,L,MEDAN,30/12/1985,KEPALA KELUARGA,KAWIN,BURUH HARIAN LEPAS,JL. TEBET TIMUR RAYA NO. 41,002,001,31.74.01.1001,081290017734,T,Y',
  '3174010203180009,3174015404880001,MARIA BR. SITORUS,P,TARUTUNG,14/04/1988,ISTRI,KAWIN,PENJAHIT,JL. TEBET TIMUR RAYA NO. 41,002,001,31.74.01.1001,,T,Y',
];

/** Submits the demo RT/RW head's list as an upload waiting for review; nothing when that user does not exist. */
export async function submitDemoWaitingList({
  db,
  outDirectory,
}: {
  db: DatabaseClient;
  outDirectory: string;
}): Promise<{ submissionId: number; rows: number } | null> {
  const user = await findUserByUsername(db, DEMO_NEIGHBOURHOOD_HEAD);
  if (!user?.area_code) return null;
  await mkdir(outDirectory, { recursive: true });
  const fileName = 'daftar-rw001-tebet-timur.csv';
  const filePath = path.join(outDirectory, fileName);
  await writeFile(filePath, `${HEADER}\n${ROWS.join('\n')}\n`, 'utf8');
  const result = await submitIntakeFile({
    db,
    actor: { userId: Number(user.id), username: user.username },
    scope: { areaCode: user.area_code, rw: user.area_rw },
    filePath,
    fileName,
    channel: 'upload',
    forwardImmediately: false,
  });
  return { submissionId: result.submissionId, rows: ROWS.length };
}
