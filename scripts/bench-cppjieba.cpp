// scripts/bench-cppjieba.cpp — cppjieba's segmentation timed in its own
// process, for scripts/bench (issue 13: mubiao against its peers).
//
//   bench-cppjieba DICT_DIR IN OUT
//
// Loads cppjieba's dictionaries from DICT_DIR (the cppjieba sources shipped
// in the npm package nodejieba), cuts every line of IN with the HMM off
// (as mubiao and the other peers in the bench), writes the words of each
// line separated by single spaces to OUT and prints "seconds=S" on stderr:
// the time of the cutting alone, after loading, before writing.
#include "cppjieba/Jieba.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::cerr << "usage: bench-cppjieba DICT_DIR IN OUT\n";
        return 2;
    }
    std::string d = argv[1];
    cppjieba::Jieba jieba(d + "/jieba.dict.utf8", d + "/hmm_model.utf8", d + "/user.dict.utf8", d + "/idf.utf8",
                          d + "/stop_words.utf8");
    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
        std::cerr << argv[2] << ": cannot read\n";
        return 1;
    }
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r')
            l.pop_back();
        lines.push_back(l);
    }
    std::vector<std::string> words;
    jieba.Cut("预热", words, false);
    std::vector<std::string> out(lines.size());
    auto t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < lines.size(); i++) {
        words.clear();
        jieba.Cut(lines[i], words, false);
        std::string &o = out[i];
        for (size_t k = 0; k < words.size(); k++) {
            if (k)
                o += ' ';
            o += words[k];
        }
    }
    auto t1 = std::chrono::steady_clock::now();
    std::ofstream os(argv[3], std::ios::binary);
    for (const std::string &o : out)
        os << o << '\n';
    os.flush();
    if (!os) {
        std::cerr << argv[3] << ": cannot write\n";
        return 1;
    }
    std::fprintf(stderr, "seconds=%.6f\n", std::chrono::duration<double>(t1 - t0).count());
    return 0;
}
