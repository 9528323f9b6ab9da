// Lucene 8 run of the ranking benchmark (bench/ranking/run.py compiles and runs it).
//
// Indexed as ../shared/bench/lucene/LuceneBench.java indexes: title and body as
// TextFields through EnglishAnalyzer with NO stopwords (Porter stemming,
// positions), the article id stored; RAM buffer 256 MB, forceMerge(1).
// Queried with MultiFieldQueryParser(title, body) and Lucene's default
// similarity (BM25, k1 = 1.2, b = 0.75):
//   and: default operator AND (every word MUST match, in the title or the body)
//   or:  default operator OR
//
// usage: java -cp CP LuceneRanking index TSV INDEXDIR       (TSV: id, title, body)
//        java -cp CP LuceneRanking query INDEXDIR QUERIES K  (QUERIES: qid, query)
// query prints one line per query and mode: MODE <TAB> QID <TAB> id id id ...
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.*;
import org.apache.lucene.store.FSDirectory;

public class LuceneRanking {
    static Analyzer analyzer() { return new EnglishAnalyzer(CharArraySet.EMPTY_SET); }

    static void index(String tsv, String dir) throws Exception {
        IndexWriterConfig iwc = new IndexWriterConfig(analyzer());
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        iwc.setRAMBufferSizeMB(256);
        int n = 0;
        try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(dir)), iwc);
             BufferedReader r = Files.newBufferedReader(Paths.get(tsv), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split("\t", -1);
                Document d = new Document();
                d.add(new StoredField("id", c[0]));
                d.add(new TextField("title", c[1], Field.Store.NO));
                d.add(new TextField("body", c[2], Field.Store.NO));
                w.addDocument(d);
                n++;
            }
            w.forceMerge(1);
            w.commit();
        }
        System.err.println("lucene: indexed " + n + " docs");
    }

    static void query(String dir, String qfile, int k) throws Exception {
        Analyzer an = analyzer();
        try (IndexReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
            String[] modes = {"and", "or"};
            for (String line : Files.readAllLines(Paths.get(qfile), StandardCharsets.UTF_8)) {
                if (line.trim().isEmpty()) continue;
                String[] kv = line.split("\t", 2);
                for (String mode : modes) {
                    MultiFieldQueryParser qp = new MultiFieldQueryParser(new String[]{"title", "body"}, an);
                    qp.setDefaultOperator(mode.equals("and") ? QueryParser.Operator.AND : QueryParser.Operator.OR);
                    Query q = qp.parse(QueryParser.escape(kv[1].trim()));
                    TopDocs td = searcher.search(q, k);
                    StringBuilder sb = new StringBuilder(mode).append('\t').append(kv[0]).append('\t');
                    for (int i = 0; i < td.scoreDocs.length; i++) {
                        if (i > 0) sb.append(' ');
                        sb.append(searcher.doc(td.scoreDocs[i].doc).get("id"));
                    }
                    out.println(sb);
                }
            }
            out.flush();
        }
    }

    public static void main(String[] a) throws Exception {
        if (a.length == 3 && a[0].equals("index")) index(a[1], a[2]);
        else if (a.length == 4 && a[0].equals("query")) query(a[1], a[2], Integer.parseInt(a[3]));
        else {
            System.err.println("usage: LuceneRanking index TSV INDEXDIR | query INDEXDIR QUERIES K");
            System.exit(2);
        }
    }
}
