* SCIP STATISTICS
*   Problem name     : setcover_300r_500c_0.05d
*   Variables        : 500 (500 binary, 0 integer, 0 implicit integer, 0 continuous)
*   Constraints      : 300
NAME          setcover_300r_500c_0.05d
OBJSENSE
  MIN
ROWS
 N  Obj 
 G  c0 
 G  c1 
 G  c2 
 G  c3 
 G  c4 
 G  c5 
 G  c6 
 G  c7 
 G  c8 
 G  c9 
 G  c10 
 G  c11 
 G  c12 
 G  c13 
 G  c14 
 G  c15 
 G  c16 
 G  c17 
 G  c18 
 G  c19 
 G  c20 
 G  c21 
 G  c22 
 G  c23 
 G  c24 
 G  c25 
 G  c26 
 G  c27 
 G  c28 
 G  c29 
 G  c30 
 G  c31 
 G  c32 
 G  c33 
 G  c34 
 G  c35 
 G  c36 
 G  c37 
 G  c38 
 G  c39 
 G  c40 
 G  c41 
 G  c42 
 G  c43 
 G  c44 
 G  c45 
 G  c46 
 G  c47 
 G  c48 
 G  c49 
 G  c50 
 G  c51 
 G  c52 
 G  c53 
 G  c54 
 G  c55 
 G  c56 
 G  c57 
 G  c58 
 G  c59 
 G  c60 
 G  c61 
 G  c62 
 G  c63 
 G  c64 
 G  c65 
 G  c66 
 G  c67 
 G  c68 
 G  c69 
 G  c70 
 G  c71 
 G  c72 
 G  c73 
 G  c74 
 G  c75 
 G  c76 
 G  c77 
 G  c78 
 G  c79 
 G  c80 
 G  c81 
 G  c82 
 G  c83 
 G  c84 
 G  c85 
 G  c86 
 G  c87 
 G  c88 
 G  c89 
 G  c90 
 G  c91 
 G  c92 
 G  c93 
 G  c94 
 G  c95 
 G  c96 
 G  c97 
 G  c98 
 G  c99 
 G  c100 
 G  c101 
 G  c102 
 G  c103 
 G  c104 
 G  c105 
 G  c106 
 G  c107 
 G  c108 
 G  c109 
 G  c110 
 G  c111 
 G  c112 
 G  c113 
 G  c114 
 G  c115 
 G  c116 
 G  c117 
 G  c118 
 G  c119 
 G  c120 
 G  c121 
 G  c122 
 G  c123 
 G  c124 
 G  c125 
 G  c126 
 G  c127 
 G  c128 
 G  c129 
 G  c130 
 G  c131 
 G  c132 
 G  c133 
 G  c134 
 G  c135 
 G  c136 
 G  c137 
 G  c138 
 G  c139 
 G  c140 
 G  c141 
 G  c142 
 G  c143 
 G  c144 
 G  c145 
 G  c146 
 G  c147 
 G  c148 
 G  c149 
 G  c150 
 G  c151 
 G  c152 
 G  c153 
 G  c154 
 G  c155 
 G  c156 
 G  c157 
 G  c158 
 G  c159 
 G  c160 
 G  c161 
 G  c162 
 G  c163 
 G  c164 
 G  c165 
 G  c166 
 G  c167 
 G  c168 
 G  c169 
 G  c170 
 G  c171 
 G  c172 
 G  c173 
 G  c174 
 G  c175 
 G  c176 
 G  c177 
 G  c178 
 G  c179 
 G  c180 
 G  c181 
 G  c182 
 G  c183 
 G  c184 
 G  c185 
 G  c186 
 G  c187 
 G  c188 
 G  c189 
 G  c190 
 G  c191 
 G  c192 
 G  c193 
 G  c194 
 G  c195 
 G  c196 
 G  c197 
 G  c198 
 G  c199 
 G  c200 
 G  c201 
 G  c202 
 G  c203 
 G  c204 
 G  c205 
 G  c206 
 G  c207 
 G  c208 
 G  c209 
 G  c210 
 G  c211 
 G  c212 
 G  c213 
 G  c214 
 G  c215 
 G  c216 
 G  c217 
 G  c218 
 G  c219 
 G  c220 
 G  c221 
 G  c222 
 G  c223 
 G  c224 
 G  c225 
 G  c226 
 G  c227 
 G  c228 
 G  c229 
 G  c230 
 G  c231 
 G  c232 
 G  c233 
 G  c234 
 G  c235 
 G  c236 
 G  c237 
 G  c238 
 G  c239 
 G  c240 
 G  c241 
 G  c242 
 G  c243 
 G  c244 
 G  c245 
 G  c246 
 G  c247 
 G  c248 
 G  c249 
 G  c250 
 G  c251 
 G  c252 
 G  c253 
 G  c254 
 G  c255 
 G  c256 
 G  c257 
 G  c258 
 G  c259 
 G  c260 
 G  c261 
 G  c262 
 G  c263 
 G  c264 
 G  c265 
 G  c266 
 G  c267 
 G  c268 
 G  c269 
 G  c270 
 G  c271 
 G  c272 
 G  c273 
 G  c274 
 G  c275 
 G  c276 
 G  c277 
 G  c278 
 G  c279 
 G  c280 
 G  c281 
 G  c282 
 G  c283 
 G  c284 
 G  c285 
 G  c286 
 G  c287 
 G  c288 
 G  c289 
 G  c290 
 G  c291 
 G  c292 
 G  c293 
 G  c294 
 G  c295 
 G  c296 
 G  c297 
 G  c298 
 G  c299 
COLUMNS
    INTSTART  'MARKER'                            'INTORG'                           
    x0        Obj                             92  c234                             1 
    x0        c106                             1  c121                             1 
    x0        c93                              1  c131                             1 
    x0        c87                              1  c249                             1 
    x0        c288                             1  c151                             1 
    x0        c258                             1  c61                              1 
    x0        c57                              1  c52                              1 
    x0        c187                             1  c38                              1 
    x0        c191                             1  c196                             1 
    x0        c193                             1  c33                              1 
    x0        c25                              1 
    x1        Obj                              8  c223                             1 
    x1        c248                             1  c247                             1 
    x1        c133                             1  c252                             1 
    x1        c71                              1  c226                             1 
    x1        c244                             1  c127                             1 
    x1        c62                              1  c260                             1 
    x1        c48                              1  c101                             1 
    x1        c105                             1  c195                             1 
    x1        c194                             1  c233                             1 
    x2        c46                              1  c291                             1 
    x2        c211                             1  c156                             1 
    x2        c192                             1  Obj                             65 
    x2        c35                              1  c135                             1 
    x2        c2                               1  c239                             1 
    x2        c264                             1  c295                             1 
    x2        c254                             1  c232                             1 
    x2        c37                              1  c23                              1 
    x3        c134                             1  c141                             1 
    x3        c217                             1  c45                              1 
    x3        c82                              1  c13                              1 
    x3        c115                             1  c97                              1 
    x3        c222                             1  c20                              1 
    x3        c65                              1  Obj                             94 
    x3        c200                             1  c85                              1 
    x3        c243                             1  c227                             1 
    x4        c138                             1  Obj                             55 
    x4        c59                              1  c212                             1 
    x4        c279                             1  c153                             1 
    x4        c256                             1  c262                             1 
    x4        c24                              1  c9                               1 
    x4        c207                             1  c224                             1 
    x4        c294                             1  c170                             1 
    x4        c174                             1  c72                              1 
    x4        c144                             1 
    x5        c99                              1  c91                              1 
    x5        c204                             1  Obj                             32 
    x5        c190                             1  c165                             1 
    x5        c140                             1  c28                              1 
    x5        c60                              1  c109                             1 
    x5        c26                              1 
    x6        c216                             1  c49                              1 
    x6        c124                             1  c114                             1 
    x6        c273                             1  c293                             1 
    x6        c287                             1  c180                             1 
    x6        c80                              1  c81                              1 
    x6        c36                              1  c119                             1 
    x6        c283                             1  c21                              1 
    x6        c184                             1  Obj                              6 
    x6        c95                              1 
    x7        c128                             1  c96                              1 
    x7        c145                             1  c112                             1 
    x7        c107                             1  c213                             1 
    x7        c238                             1  c69                              1 
    x7        c122                             1  c251                             1 
    x7        c47                              1  c201                             1 
    x7        c79                              1  c219                             1 
    x7        c231                             1  c210                             1 
    x7        c265                             1  Obj                             89 
    x7        c126                             1 
    x8        c230                             1  c142                             1 
    x8        c29                              1  c129                             1 
    x8        c297                             1  c18                              1 
    x8        c10                              1  c255                             1 
    x8        c218                             1  c22                              1 
    x8        Obj                             16  c116                             1 
    x8        c3                               1  c123                             1 
    x8        c173                             1  c51                              1 
    x8        c14                              1 
    x9        c17                              1  c31                              1 
    x9        c66                              1  c197                             1 
    x9        c229                             1  Obj                              5 
    x9        c266                             1  c177                             1 
    x9        c178                             1  c43                              1 
    x9        c269                             1  c53                              1 
    x9        c157                             1  c54                              1 
    x9        c185                             1  c40                              1 
    x10       c34                              1  c100                             1 
    x10       c70                              1  c0                               1 
    x10       c281                             1  c42                              1 
    x10       c257                             1  c250                             1 
    x10       c284                             1  c162                             1 
    x10       c277                             1  Obj                             48 
    x10       c63                              1  c27                              1 
    x11       c163                             1  c240                             1 
    x11       c41                              1  c76                              1 
    x11       c267                             1  c94                              1 
    x11       c242                             1  c299                             1 
    x11       c136                             1  Obj                              8 
    x12       c182                             1  c58                              1 
    x12       c19                              1  c12                              1 
    x12       c167                             1  Obj                             62 
    x12       c221                             1  c245                             1 
    x12       c168                             1  c296                             1 
    x12       c1                               1  c74                              1 
    x12       c275                             1  c235                             1 
    x12       c110                             1  c149                             1 
    x12       c225                             1  c159                             1 
    x12       c298                             1  c130                             1 
    x12       c84                              1  c271                             1 
    x12       c246                             1 
    x13       c289                             1  c111                             1 
    x13       c6                               1  c55                              1 
    x13       c11                              1  c8                               1 
    x13       c113                             1  c125                             1 
    x13       c215                             1  Obj                             39 
    x13       c148                             1  c208                             1 
    x13       c179                             1  c78                              1 
    x13       c67                              1 
    x14       c39                              1  Obj                             31 
    x14       c98                              1  c7                               1 
    x14       c44                              1  c73                              1 
    x14       c189                             1  c280                             1 
    x14       c152                             1  c56                              1 
    x14       c158                             1  c30                              1 
    x14       c108                             1 
    x15       c203                             1  c166                             1 
    x15       c285                             1  c83                              1 
    x15       c147                             1  c154                             1 
    x15       Obj                             19  c89                              1 
    x15       c292                             1  c68                              1 
    x15       c169                             1  c278                             1 
    x15       c209                             1  c183                             1 
    x15       c103                             1 
    x16       c146                             1  c132                             1 
    x16       c104                             1  c160                             1 
    x16       c268                             1  c161                             1 
    x16       c120                             1  c186                             1 
    x16       c214                             1  c220                             1 
    x16       c88                              1  c4                               1 
    x16       c32                              1  Obj                             86 
    x16       c92                              1  c261                             1 
    x16       c241                             1  c77                              1 
    x17       c282                             1  c90                              1 
    x17       c272                             1  c202                             1 
    x17       c150                             1  c118                             1 
    x17       Obj                             26  c15                              1 
    x17       c164                             1  c5                               1 
    x17       c286                             1 
    x18       c75                              1  c253                             1 
    x18       c199                             1  c139                             1 
    x18       c143                             1  c263                             1 
    x18       c188                             1  c102                             1 
    x18       c259                             1  Obj                             81 
    x18       c64                              1 
    x19       c155                             1  c274                             1 
    x19       c270                             1  c198                             1 
    x19       c236                             1  c86                              1 
    x19       c176                             1  c276                             1 
    x19       c228                             1  c50                              1 
    x19       c175                             1  c117                             1 
    x19       c181                             1  c172                             1 
    x19       c205                             1  c237                             1 
    x19       c206                             1  c171                             1 
    x19       Obj                             31  c290                             1 
    x19       c16                              1 
    x20       c137                             1  c6                               1 
    x20       c42                              1  c132                             1 
    x20       c143                             1  c89                              1 
    x20       c4                               1  c277                             1 
    x20       c14                              1  c85                              1 
    x20       c54                              1  c152                             1 
    x20       c92                              1  c273                             1 
    x20       Obj                             34  c158                             1 
    x21       c35                              1  Obj                             20 
    x21       c255                             1  c114                             1 
    x21       c65                              1  c183                             1 
    x21       c73                              1  c74                              1 
    x21       c113                             1  c140                             1 
    x21       c79                              1  c163                             1 
    x21       c51                              1  c115                             1 
    x21       c27                              1  c62                              1 
    x21       c46                              1 
    x22       c253                             1  c1                               1 
    x22       c211                             1  c267                             1 
    x22       c123                             1  c82                              1 
    x22       c286                             1  c42                              1 
    x22       c40                              1  c250                             1 
    x22       c148                             1  Obj                             29 
    x22       c225                             1  c39                              1 
    x22       c56                              1  c18                              1 
    x22       c69                              1 
    x23       c274                             1  c294                             1 
    x23       c263                             1  c286                             1 
    x23       c0                               1  c91                              1 
    x23       c64                              1  c32                              1 
    x23       c216                             1  Obj                             23 
    x23       c99                              1  c144                             1 
    x23       c101                             1  c93                              1 
    x23       c218                             1  c57                              1 
    x23       c293                             1  c142                             1 
    x23       c162                             1 
    x24       Obj                              4  c25                              1 
    x24       c3                               1  c6                               1 
    x24       c108                             1  c36                              1 
    x24       c223                             1  c57                              1 
    x24       c241                             1  c279                             1 
    x25       c117                             1  c226                             1 
    x25       c71                              1  c229                             1 
    x25       c19                              1  c261                             1 
    x25       c125                             1  c153                             1 
    x25       Obj                             27  c74                              1 
    x25       c43                              1  c164                             1 
    x25       c120                             1  c175                             1 
    x25       c20                              1  c210                             1 
    x25       c157                             1  c24                              1 
    x25       c33                              1  c182                             1 
    x26       c144                             1  c299                             1 
    x26       c21                              1  c177                             1 
    x26       c89                              1  Obj                             16 
    x26       c125                             1  c233                             1 
    x26       c80                              1  c113                             1 
    x26       c81                              1  c222                             1 
    x26       c36                              1  c130                             1 
    x26       c223                             1  c274                             1 
    x26       c244                             1  c101                             1 
    x27       c291                             1  c168                             1 
    x27       c128                             1  c234                             1 
    x27       c190                             1  c58                              1 
    x27       c32                              1  c225                             1 
    x27       c287                             1  c51                              1 
    x27       c231                             1  c161                             1 
    x27       Obj                             37  c182                             1 
    x27       c228                             1 
    x28       c256                             1  c268                             1 
    x28       c11                              1  c210                             1 
    x28       Obj                             40  c3                               1 
    x28       c156                             1  c39                              1 
    x28       c123                             1  c143                             1 
    x28       c251                             1  c51                              1 
    x28       c286                             1  c197                             1 
    x28       c225                             1  c84                              1 
    x28       c196                             1  c295                             1 
    x29       c160                             1  c17                              1 
    x29       Obj                             28  c223                             1 
    x29       c254                             1  c283                             1 
    x29       c214                             1  c281                             1 
    x29       c149                             1  c171                             1 
    x29       c75                              1  c259                             1 
    x29       c293                             1  c179                             1 
    x29       c125                             1  c62                              1 
    x29       c157                             1 
    x30       c211                             1  c62                              1 
    x30       c44                              1  c297                             1 
    x30       c8                               1  c188                             1 
    x30       c55                              1  Obj                             97 
    x30       c233                             1  c214                             1 
    x30       c289                             1 
    x31       c145                             1  c260                             1 
    x31       c244                             1  c245                             1 
    x31       c116                             1  c0                               1 
    x31       c217                             1  c127                             1 
    x31       c205                             1  c215                             1 
    x31       Obj                              9  c272                             1 
    x31       c67                              1  c237                             1 
    x31       c285                             1  c11                              1 
    x31       c250                             1  c17                              1 
    x31       c42                              1  c213                             1 
    x31       c53                              1  c200                             1 
    x31       c262                             1  c155                             1 
    x32       c23                              1  c43                              1 
    x32       c48                              1  c138                             1 
    x32       Obj                             68  c69                              1 
    x32       c20                              1  c296                             1 
    x32       c133                             1  c193                             1 
    x32       c268                             1  c32                              1 
    x32       c218                             1 
    x33       c42                              1  c257                             1 
    x33       c67                              1  c176                             1 
    x33       c244                             1  c121                             1 
    x33       c58                              1  c97                              1 
    x33       c34                              1  c131                             1 
    x33       Obj                             41  c179                             1 
    x33       c3                               1  c255                             1 
    x33       c129                             1  c14                              1 
    x33       c11                              1 
    x34       c131                             1  c98                              1 
    x34       c272                             1  c263                             1 
    x34       c66                              1  Obj                             16 
    x34       c89                              1  c35                              1 
    x34       c118                             1  c145                             1 
    x34       c246                             1  c147                             1 
    x34       c95                              1  c39                              1 
    x34       c48                              1  c134                             1 
    x35       c8                               1  c20                              1 
    x35       c173                             1  c45                              1 
    x35       c198                             1  c169                             1 
    x35       c28                              1  Obj                             47 
    x35       c53                              1  c108                             1 
    x35       c102                             1  c166                             1 
    x35       c114                             1 
    x36       c250                             1  c115                             1 
    x36       c148                             1  c236                             1 
    x36       c195                             1  Obj                             83 
    x36       c75                              1  c40                              1 
    x36       c193                             1  c154                             1 
    x36       c88                              1  c275                             1 
    x37       c130                             1  c33                              1 
    x37       c229                             1  c82                              1 
    x37       c194                             1  c197                             1 
    x37       c92                              1  c273                             1 
    x37       c291                             1  Obj                             89 
    x37       c109                             1  c0                               1 
    x37       c247                             1  c106                             1 
    x37       c72                              1 
    x38       c55                              1  c131                             1 
    x38       c170                             1  c33                              1 
    x38       c166                             1  c42                              1 
    x38       c64                              1  c177                             1 
    x38       c114                             1  c297                             1 
    x38       c80                              1  c220                             1 
    x38       c61                              1  c115                             1 
    x38       c122                             1  c168                             1 
    x38       Obj                             43  c74                              1 
    x38       c135                             1  c173                             1 
    x38       c241                             1  c216                             1 
    x39       c31                              1  c275                             1 
    x39       c268                             1  c254                             1 
    x39       c252                             1  Obj                             75 
    x39       c287                             1  c286                             1 
    x39       c112                             1  c168                             1 
    x39       c264                             1  c10                              1 
    x39       c117                             1  c104                             1 
    x39       c269                             1  c64                              1 
    x39       c224                             1 
    x40       c167                             1  Obj                             72 
    x40       c175                             1  c81                              1 
    x40       c266                             1  c287                             1 
    x40       c184                             1  c80                              1 
    x40       c151                             1  c207                             1 
    x40       c72                              1  c4                               1 
    x40       c223                             1  c55                              1 
    x40       c63                              1  c39                              1 
    x40       c252                             1 
    x41       c48                              1  c137                             1 
    x41       c165                             1  c263                             1 
    x41       c202                             1  c4                               1 
    x41       c103                             1  c79                              1 
    x41       c288                             1  c163                             1 
    x41       c14                              1  Obj                             94 
    x42       c230                             1  c42                              1 
    x42       c218                             1  c169                             1 
    x42       c148                             1  c43                              1 
    x42       c136                             1  c158                             1 
    x42       c299                             1  c104                             1 
    x42       Obj                             89  c184                             1 
    x42       c33                              1  c73                              1 
    x42       c185                             1  c135                             1 
    x43       c223                             1  c153                             1 
    x43       c251                             1  c207                             1 
    x43       c209                             1  Obj                             85 
    x43       c180                             1  c9                               1 
    x43       c263                             1  c83                              1 
    x43       c170                             1  c10                              1 
    x43       c230                             1  c233                             1 
    x43       c85                              1  c141                             1 
    x43       c287                             1  c158                             1 
    x43       c249                             1 
    x44       c70                              1  c122                             1 
    x44       c92                              1  c288                             1 
    x44       c112                             1  Obj                             38 
    x44       c83                              1  c218                             1 
    x44       c117                             1  c69                              1 
    x45       c137                             1  c283                             1 
    x45       c116                             1  c169                             1 
    x45       c288                             1  c55                              1 
    x45       c97                              1  Obj                             21 
    x45       c201                             1  c101                             1 
    x45       c141                             1  c27                              1 
    x45       c252                             1 
    x46       c256                             1  c66                              1 
    x46       c190                             1  c27                              1 
    x46       c126                             1  c240                             1 
    x46       c197                             1  c85                              1 
    x46       c198                             1  c185                             1 
    x46       c114                             1  c213                             1 
    x46       c183                             1  c172                             1 
    x46       c37                              1  c200                             1 
    x46       c294                             1  c140                             1 
    x46       c291                             1  Obj                             28 
    x47       Obj                             69  c105                             1 
    x47       c180                             1  c245                             1 
    x47       c187                             1  c226                             1 
    x47       c292                             1  c197                             1 
    x47       c294                             1  c262                             1 
    x47       c147                             1  c150                             1 
    x47       c2                               1 
    x48       c277                             1  c167                             1 
    x48       c132                             1  c289                             1 
    x48       Obj                             44  c11                              1 
    x48       c58                              1  c60                              1 
    x48       c274                             1  c107                             1 
    x48       c284                             1  c193                             1 
    x48       c34                              1  c96                              1 
    x48       c273                             1  c269                             1 
    x48       c227                             1 
    x49       c61                              1  c206                             1 
    x49       c106                             1  c156                             1 
    x49       c279                             1  c239                             1 
    x49       c1                               1  Obj                             54 
    x49       c148                             1  c283                             1 
    x49       c254                             1  c38                              1 
    x49       c145                             1  c21                              1 
    x49       c199                             1  c220                             1 
    x49       c137                             1 
    x50       c73                              1  c288                             1 
    x50       c46                              1  c147                             1 
    x50       c227                             1  c36                              1 
    x50       c59                              1  c255                             1 
    x50       c93                              1  c28                              1 
    x50       c22                              1  c115                             1 
    x50       Obj                              9  c191                             1 
    x50       c196                             1  c1                               1 
    x50       c236                             1  c52                              1 
    x50       c205                             1 
    x51       c198                             1  c48                              1 
    x51       c167                             1  c194                             1 
    x51       c61                              1  c271                             1 
    x51       Obj                             60  c18                              1 
    x51       c214                             1  c64                              1 
    x51       c35                              1  c290                             1 
    x51       c257                             1 
    x52       c290                             1  c291                             1 
    x52       c119                             1  c83                              1 
    x52       c142                             1  c115                             1 
    x52       c15                              1  c238                             1 
    x52       c283                             1  c61                              1 
    x52       c138                             1  c218                             1 
    x52       c117                             1  c123                             1 
    x52       c46                              1  c34                              1 
    x52       c95                              1  c35                              1 
    x52       c48                              1  c3                               1 
    x52       Obj                             89 
    x53       Obj                             99  c48                              1 
    x53       c186                             1  c97                              1 
    x53       c10                              1  c271                             1 
    x53       c131                             1  c30                              1 
    x53       c204                             1  c260                             1 
    x53       c114                             1 
    x54       c275                             1  c216                             1 
    x54       c177                             1  c8                               1 
    x54       c267                             1  c175                             1 
    x54       c68                              1  c131                             1 
    x54       c222                             1  c149                             1 
    x54       c176                             1  Obj                            100 
    x54       c167                             1 
    x55       c124                             1  c274                             1 
    x55       c126                             1  c37                              1 
    x55       c251                             1  Obj                             35 
    x55       c147                             1  c9                               1 
    x55       c50                              1  c293                             1 
    x55       c174                             1  c161                             1 
    x55       c27                              1  c156                             1 
    x55       c3                               1  c294                             1 
    x55       c20                              1  c199                             1 
    x55       c249                             1 
    x56       c295                             1  c52                              1 
    x56       c150                             1  c54                              1 
    x56       c242                             1  c83                              1 
    x56       c204                             1  c236                             1 
    x56       c135                             1  c215                             1 
    x56       c255                             1  Obj                             17 
    x56       c272                             1  c292                             1 
    x57       c292                             1  c107                             1 
    x57       Obj                             37  c207                             1 
    x57       c138                             1  c248                             1 
    x57       c272                             1  c146                             1 
    x57       c80                              1  c122                             1 
    x57       c118                             1  c68                              1 
    x57       c22                              1  c157                             1 
    x57       c242                             1 
    x58       c78                              1  c100                             1 
    x58       c33                              1  c112                             1 
    x58       c143                             1  c226                             1 
    x58       Obj                              8  c234                             1 
    x58       c126                             1  c64                              1 
    x58       c10                              1  c224                             1 
    x59       c124                             1  Obj                             65 
    x59       c272                             1  c202                             1 
    x59       c285                             1  c94                              1 
    x59       c134                             1  c237                             1 
    x59       c287                             1  c166                             1 
    x59       c44                              1  c219                             1 
    x59       c188                             1  c255                             1 
    x59       c91                              1 
    x60       c110                             1  c10                              1 
    x60       c295                             1  c197                             1 
    x60       c55                              1  c28                              1 
    x60       c50                              1  c70                              1 
    x60       c72                              1  c198                             1 
    x60       c177                             1  c233                             1 
    x60       c133                             1  c37                              1 
    x60       c20                              1  Obj                             24 
    x60       c221                             1  c281                             1 
    x60       c280                             1 
    x61       c45                              1  c217                             1 
    x61       c85                              1  c123                             1 
    x61       Obj                             13  c275                             1 
    x61       c17                              1  c249                             1 
    x61       c65                              1  c70                              1 
    x61       c250                             1  c227                             1 
    x61       c104                             1  c52                              1 
    x61       c142                             1  c171                             1 
    x62       c246                             1  c131                             1 
    x62       c34                              1  c187                             1 
    x62       c50                              1  c69                              1 
    x62       c247                             1  c117                             1 
    x62       c57                              1  c140                             1 
    x62       c170                             1  c105                             1 
    x62       c241                             1  c283                             1 
    x62       c192                             1  c157                             1 
    x62       Obj                             54  c184                             1 
    x62       c10                              1  c229                             1 
    x62       c244                             1  c115                             1 
    x62       c134                             1 
    x63       c24                              1  c291                             1 
    x63       c36                              1  Obj                             81 
    x63       c136                             1  c110                             1 
    x63       c73                              1  c188                             1 
    x63       c20                              1  c77                              1 
    x63       c283                             1  c241                             1 
    x63       c227                             1  c101                             1 
    x63       c242                             1  c268                             1 
    x63       c21                              1 
    x64       c295                             1  c229                             1 
    x64       c169                             1  c170                             1 
    x64       c64                              1  c172                             1 
    x64       c204                             1  c220                             1 
    x64       c298                             1  c160                             1 
    x64       c48                              1  c45                              1 
    x64       Obj                             65 
    x65       c133                             1  c34                              1 
    x65       c144                             1  Obj                             90 
    x65       c298                             1  c295                             1 
    x65       c5                               1  c150                             1 
    x65       c276                             1  c46                              1 
    x65       c52                              1  c119                             1 
    x65       c79                              1  c81                              1 
    x65       c24                              1  c65                              1 
    x65       c130                             1  c40                              1 
    x65       c269                             1  c177                             1 
    x65       c190                             1  c172                             1 
    x65       c203                             1  c129                             1 
    x65       c139                             1  c271                             1 
    x65       c73                              1 
    x66       c14                              1  c147                             1 
    x66       c5                               1  c49                              1 
    x66       c244                             1  c132                             1 
    x66       c145                             1  c230                             1 
    x66       c76                              1  c86                              1 
    x66       Obj                             87 
    x67       c273                             1  c55                              1 
    x67       c135                             1  c2                               1 
    x67       c18                              1  c115                             1 
    x67       Obj                             65  c148                             1 
    x67       c262                             1  c268                             1 
    x67       c125                             1  c272                             1 
    x67       c221                             1  c27                              1 
    x67       c162                             1  c61                              1 
    x67       c93                              1 
    x68       c293                             1  c160                             1 
    x68       c6                               1  c224                             1 
    x68       c180                             1  c170                             1 
    x68       c153                             1  c42                              1 
    x68       c47                              1  c81                              1 
    x68       c26                              1  Obj                             25 
    x68       c250                             1  c33                              1 
    x69       c10                              1  c275                             1 
    x69       c169                             1  c139                             1 
    x69       c218                             1  c285                             1 
    x69       c114                             1  c206                             1 
    x69       Obj                             59  c63                              1 
    x69       c45                              1  c38                              1 
    x69       c289                             1  c235                             1 
    x69       c98                              1  c35                              1 
    x69       c212                             1  c223                             1 
    x69       c32                              1  c203                             1 
    x70       c236                             1  c8                               1 
    x70       c15                              1  c72                              1 
    x70       c254                             1  c190                             1 
    x70       c230                             1  c67                              1 
    x70       c222                             1  c92                              1 
    x70       c16                              1  c266                             1 
    x70       c14                              1  c143                             1 
    x70       Obj                             65  c139                             1 
    x70       c24                              1 
    x71       c43                              1  c21                              1 
    x71       c171                             1  c123                             1 
    x71       c183                             1  c84                              1 
    x71       c194                             1  c267                             1 
    x71       c151                             1  Obj                             69 
    x71       c228                             1  c196                             1 
    x71       c22                              1  c88                              1 
    x71       c120                             1  c89                              1 
    x71       c164                             1  c291                             1 
    x71       c236                             1  c48                              1 
    x72       c294                             1  c108                             1 
    x72       c88                              1  c143                             1 
    x72       c132                             1  c201                             1 
    x72       c13                              1  c42                              1 
    x72       c21                              1  Obj                             19 
    x72       c184                             1  c262                             1 
    x72       c198                             1  c135                             1 
    x72       c214                             1  c9                               1 
    x72       c134                             1  c231                             1 
    x73       Obj                             12  c148                             1 
    x73       c155                             1  c241                             1 
    x73       c97                              1  c116                             1 
    x73       c18                              1  c288                             1 
    x73       c89                              1  c248                             1 
    x73       c186                             1  c66                              1 
    x74       c189                             1  Obj                             75 
    x74       c43                              1  c76                              1 
    x74       c282                             1  c6                               1 
    x74       c12                              1  c293                             1 
    x74       c194                             1  c215                             1 
    x74       c119                             1  c234                             1 
    x74       c98                              1  c251                             1 
    x74       c258                             1 
    x75       c265                             1  c39                              1 
    x75       c234                             1  c137                             1 
    x75       c277                             1  c250                             1 
    x75       c181                             1  c106                             1 
    x75       c30                              1  c165                             1 
    x75       c87                              1  c140                             1 
    x75       Obj                             26  c229                             1 
    x75       c71                              1  c17                              1 
    x75       c123                             1 
    x76       c93                              1  c157                             1 
    x76       c37                              1  c214                             1 
    x76       c172                             1  c73                              1 
    x76       c134                             1  c6                               1 
    x76       Obj                             53  c58                              1 
    x76       c174                             1  c154                             1 
    x76       c81                              1  c225                             1 
    x77       c146                             1  c236                             1 
    x77       c128                             1  c234                             1 
    x77       c266                             1  c261                             1 
    x77       c281                             1  c149                             1 
    x77       c166                             1  c273                             1 
    x77       c162                             1  c160                             1 
    x77       c196                             1  c200                             1 
    x77       c170                             1  Obj                             75 
    x77       c284                             1  c255                             1 
    x77       c24                              1 
    x78       c21                              1  c183                             1 
    x78       c197                             1  c120                             1 
    x78       c64                              1  c126                             1 
    x78       c247                             1  c293                             1 
    x78       c187                             1  c150                             1 
    x78       c71                              1  Obj                             47 
    x78       c229                             1  c262                             1 
    x78       c221                             1  c72                              1 
    x79       c233                             1  c206                             1 
    x79       c282                             1  c249                             1 
    x79       c4                               1  c232                             1 
    x79       c128                             1  c146                             1 
    x79       Obj                             37  c36                              1 
    x79       c60                              1  c144                             1 
    x79       c274                             1  c33                              1 
    x79       c64                              1  c75                              1 
    x79       c166                             1  c143                             1 
    x79       c69                              1 
    x80       c171                             1  c134                             1 
    x80       c9                               1  c62                              1 
    x80       c49                              1  c148                             1 
    x80       c191                             1  c213                             1 
    x80       c255                             1  c144                             1 
    x80       c159                             1  c221                             1 
    x80       c90                              1  c163                             1 
    x80       Obj                             84  c41                              1 
    x80       c197                             1 
    x81       c187                             1  Obj                             45 
    x81       c206                             1  c256                             1 
    x81       c78                              1  c267                             1 
    x81       c132                             1  c202                             1 
    x81       c162                             1  c102                             1 
    x81       c209                             1  c211                             1 
    x81       c127                             1  c134                             1 
    x81       c160                             1 
    x82       c282                             1  c84                              1 
    x82       c247                             1  c205                             1 
    x82       c162                             1  c260                             1 
    x82       c139                             1  c151                             1 
    x82       c108                             1  c104                             1 
    x82       c49                              1  c279                             1 
    x82       c291                             1  c125                             1 
    x82       c103                             1  c216                             1 
    x82       c43                              1  c93                              1 
    x82       c187                             1  Obj                             56 
    x83       c143                             1  c262                             1 
    x83       c215                             1  c198                             1 
    x83       Obj                             61  c281                             1 
    x83       c299                             1  c244                             1 
    x83       c60                              1  c283                             1 
    x83       c163                             1  c139                             1 
    x83       c122                             1  c22                              1 
    x83       c157                             1  c31                              1 
    x83       c183                             1  c253                             1 
    x83       c147                             1 
    x84       c29                              1  c149                             1 
    x84       c251                             1  c266                             1 
    x84       c118                             1  c73                              1 
    x84       c57                              1  c239                             1 
    x84       c122                             1  c163                             1 
    x84       c173                             1  c132                             1 
    x84       c109                             1  Obj                             49 
    x84       c45                              1  c182                             1 
    x85       c119                             1  c208                             1 
    x85       Obj                             78  c17                              1 
    x85       c25                              1  c173                             1 
    x85       c276                             1  c216                             1 
    x85       c294                             1  c255                             1 
    x85       c97                              1  c259                             1 
    x85       c85                              1  c115                             1 
    x85       c80                              1 
    x86       c4                               1  c240                             1 
    x86       c9                               1  c160                             1 
    x86       c181                             1  c72                              1 
    x86       c10                              1  c168                             1 
    x86       c255                             1  Obj                             81 
    x86       c228                             1  c110                             1 
    x87       c75                              1  c53                              1 
    x87       Obj                             37  c151                             1 
    x87       c91                              1  c48                              1 
    x87       c117                             1  c57                              1 
    x87       c242                             1  c285                             1 
    x87       c187                             1  c280                             1 
    x87       c166                             1  c272                             1 
    x87       c241                             1 
    x88       c127                             1  c239                             1 
    x88       c141                             1  c10                              1 
    x88       c78                              1  c265                             1 
    x88       c110                             1  c96                              1 
    x88       c109                             1  c24                              1 
    x88       c212                             1  c259                             1 
    x88       c236                             1  Obj                             34 
    x88       c53                              1  c77                              1 
    x88       c267                             1  c88                              1 
    x88       c132                             1 
    x89       c160                             1  c290                             1 
    x89       c126                             1  c186                             1 
    x89       c250                             1  c280                             1 
    x89       c164                             1  c236                             1 
    x89       c114                             1  c75                              1 
    x89       c187                             1  c81                              1 
    x89       c291                             1  c260                             1 
    x89       Obj                             98  c65                              1 
    x89       c215                             1  c100                             1 
    x90       c66                              1  c124                             1 
    x90       c190                             1  c243                             1 
    x90       c200                             1  c58                              1 
    x90       c287                             1  c49                              1 
    x90       c155                             1  Obj                             11 
    x90       c298                             1  c21                              1 
    x90       c76                              1  c4                               1 
    x90       c294                             1  c158                             1 
    x90       c203                             1  c126                             1 
    x90       c271                             1  c55                              1 
    x90       c20                              1 
    x91       c250                             1  c258                             1 
    x91       Obj                             49  c69                              1 
    x91       c292                             1  c9                               1 
    x91       c279                             1  c221                             1 
    x91       c274                             1  c34                              1 
    x91       c206                             1  c57                              1 
    x91       c222                             1  c10                              1 
    x91       c137                             1  c42                              1 
    x91       c297                             1 
    x92       c261                             1  c242                             1 
    x92       c49                              1  c72                              1 
    x92       c246                             1  c26                              1 
    x92       c233                             1  c298                             1 
    x92       c132                             1  c22                              1 
    x92       c84                              1  c134                             1 
    x92       c70                              1  c263                             1 
    x92       c29                              1  c128                             1 
    x92       c126                             1  c20                              1 
    x92       c214                             1  Obj                             10 
    x92       c45                              1 
    x93       c147                             1  c90                              1 
    x93       c253                             1  c184                             1 
    x93       c223                             1  Obj                             95 
    x93       c202                             1  c220                             1 
    x93       c58                              1  c61                              1 
    x93       c206                             1  c171                             1 
    x93       c295                             1 
    x94       c213                             1  c268                             1 
    x94       c11                              1  c93                              1 
    x94       c231                             1  c71                              1 
    x94       Obj                              5  c74                              1 
    x94       c132                             1  c152                             1 
    x94       c18                              1  c245                             1 
    x95       c61                              1  c215                             1 
    x95       c97                              1  c149                             1 
    x95       c125                             1  c78                              1 
    x95       c260                             1  c208                             1 
    x95       c234                             1  Obj                             37 
    x95       c296                             1  c279                             1 
    x95       c184                             1 
    x96       c237                             1  c38                              1 
    x96       c106                             1  c55                              1 
    x96       c122                             1  c258                             1 
    x96       c108                             1  c149                             1 
    x96       Obj                             46  c20                              1 
    x96       c39                              1  c180                             1 
    x96       c176                             1  c293                             1 
    x96       c274                             1 
    x97       c197                             1  Obj                             87 
    x97       c53                              1  c252                             1 
    x97       c105                             1  c194                             1 
    x97       c196                             1  c64                              1 
    x97       c237                             1  c271                             1 
    x97       c50                              1  c13                              1 
    x98       c67                              1  c23                              1 
    x98       c256                             1  c13                              1 
    x98       Obj                             23  c167                             1 
    x98       c119                             1  c260                             1 
    x98       c133                             1  c297                             1 
    x98       c199                             1  c249                             1 
    x98       c198                             1  c232                             1 
    x98       c27                              1  c4                               1 
    x98       c101                             1  c2                               1 
    x98       c196                             1  c296                             1 
    x99       c163                             1  c135                             1 
    x99       c207                             1  c296                             1 
    x99       c75                              1  Obj                             62 
    x99       c148                             1  c85                              1 
    x99       c172                             1  c287                             1 
    x99       c2                               1  c108                             1 
    x99       c171                             1 
    x100      c268                             1  c3                               1 
    x100      c158                             1  c53                              1 
    x100      c280                             1  c186                             1 
    x100      c260                             1  c259                             1 
    x100      Obj                             57  c207                             1 
    x100      c289                             1  c192                             1 
    x100      c265                             1  c166                             1 
    x100      c64                              1  c47                              1 
    x100      c85                              1  c34                              1 
    x101      c149                             1  c165                             1 
    x101      c76                              1  c294                             1 
    x101      c42                              1  c164                             1 
    x101      c230                             1  c24                              1 
    x101      Obj                             85  c216                             1 
    x101      c200                             1 
    x102      c237                             1  c121                             1 
    x102      c109                             1  c215                             1 
    x102      c95                              1  c128                             1 
    x102      c137                             1  Obj                             81 
    x102      c37                              1  c65                              1 
    x102      c146                             1  c208                             1 
    x102      c50                              1  c274                             1 
    x102      c176                             1  c18                              1 
    x102      c71                              1  c41                              1 
    x103      c254                             1  c256                             1 
    x103      c74                              1  c44                              1 
    x103      c214                             1  c41                              1 
    x103      c208                             1  c248                             1 
    x103      c163                             1  c231                             1 
    x103      c107                             1  c148                             1 
    x103      c126                             1  Obj                             20 
    x103      c265                             1  c37                              1 
    x103      c4                               1  c76                              1 
    x103      c128                             1  c206                             1 
    x104      c75                              1  c127                             1 
    x104      c207                             1  Obj                              1 
    x104      c237                             1  c287                             1 
    x104      c110                             1  c238                             1 
    x104      c38                              1  c98                              1 
    x104      c63                              1 
    x105      c121                             1  c291                             1 
    x105      c46                              1  c8                               1 
    x105      c175                             1  c151                             1 
    x105      c252                             1  Obj                             66 
    x105      c12                              1  c58                              1 
    x105      c133                             1  c20                              1 
    x105      c137                             1  c15                              1 
    x105      c289                             1  c93                              1 
    x105      c61                              1  c242                             1 
    x105      c157                             1  c191                             1 
    x105      c285                             1 
    x106      c242                             1  c54                              1 
    x106      c275                             1  c156                             1 
    x106      c191                             1  c2                               1 
    x106      c19                              1  c250                             1 
    x106      c80                              1  c163                             1 
    x106      c188                             1  c223                             1 
    x106      c212                             1  c58                              1 
    x106      Obj                             67  c108                             1 
    x106      c26                              1  c121                             1 
    x107      Obj                             27  c197                             1 
    x107      c181                             1  c162                             1 
    x107      c6                               1  c102                             1 
    x107      c240                             1  c249                             1 
    x107      c111                             1  c87                              1 
    x107      c190                             1  c223                             1 
    x108      c5                               1  c282                             1 
    x108      c44                              1  c213                             1 
    x108      c167                             1  c76                              1 
    x108      c38                              1  c226                             1 
    x108      c1                               1  c89                              1 
    x108      c293                             1  Obj                             24 
    x108      c276                             1  c262                             1 
    x108      c292                             1 
    x109      c146                             1  c49                              1 
    x109      Obj                             75  c267                             1 
    x109      c105                             1  c132                             1 
    x109      c8                               1  c182                             1 
    x109      c178                             1 
    x110      c0                               1  c204                             1 
    x110      c202                             1  c161                             1 
    x110      c53                              1  c287                             1 
    x110      c182                             1  c58                              1 
    x110      c247                             1  c237                             1 
    x110      c254                             1  Obj                             23 
    x110      c190                             1 
    x111      c77                              1  c148                             1 
    x111      c295                             1  c108                             1 
    x111      c6                               1  c57                              1 
    x111      c245                             1  c216                             1 
    x111      c223                             1  c175                             1 
    x111      c250                             1  c87                              1 
    x111      Obj                             66  c109                             1 
    x112      c190                             1  c145                             1 
    x112      c234                             1  c47                              1 
    x112      c46                              1  c39                              1 
    x112      c299                             1  c183                             1 
    x112      c254                             1  c71                              1 
    x112      c155                             1  Obj                             76 
    x112      c5                               1  c142                             1 
    x112      c104                             1  c223                             1 
    x113      c33                              1  c59                              1 
    x113      c234                             1  c149                             1 
    x113      c110                             1  c290                             1 
    x113      Obj                             39  c83                              1 
    x113      c155                             1  c11                              1 
    x113      c239                             1  c236                             1 
    x114      c239                             1  c169                             1 
    x114      c109                             1  c69                              1 
    x114      c91                              1  c54                              1 
    x114      c162                             1  c156                             1 
    x114      c78                              1  c201                             1 
    x114      c170                             1  Obj                             88 
    x114      c208                             1  c211                             1 
    x114      c221                             1  c265                             1 
    x114      c106                             1 
    x115      c277                             1  c254                             1 
    x115      c225                             1  c239                             1 
    x115      c258                             1  c93                              1 
    x115      Obj                             57  c235                             1 
    x115      c164                             1  c227                             1 
    x115      c153                             1 
    x116      c231                             1  c211                             1 
    x116      c94                              1  c190                             1 
    x116      c38                              1  c20                              1 
    x116      c265                             1  c223                             1 
    x116      Obj                             13  c31                              1 
    x116      c239                             1  c137                             1 
    x116      c84                              1  c7                               1 
    x116      c123                             1  c61                              1 
    x116      c33                              1  c286                             1 
    x117      c160                             1  c250                             1 
    x117      c169                             1  c152                             1 
    x117      c21                              1  c274                             1 
    x117      c140                             1  c90                              1 
    x117      c202                             1  c153                             1 
    x117      c134                             1  c94                              1 
    x117      Obj                             53  c58                              1 
    x117      c107                             1  c139                             1 
    x117      c197                             1 
    x118      Obj                             68  c169                             1 
    x118      c76                              1  c123                             1 
    x118      c296                             1  c295                             1 
    x118      c62                              1  c101                             1 
    x118      c86                              1  c91                              1 
    x118      c188                             1  c255                             1 
    x118      c45                              1  c212                             1 
    x118      c220                             1  c149                             1 
    x119      c98                              1  c190                             1 
    x119      c1                               1  c284                             1 
    x119      c42                              1  c49                              1 
    x119      c125                             1  c145                             1 
    x119      c252                             1  c88                              1 
    x119      Obj                             41  c73                              1 
    x119      c10                              1  c246                             1 
    x120      c92                              1  c73                              1 
    x120      c249                             1  c122                             1 
    x120      c253                             1  c271                             1 
    x120      c272                             1  c289                             1 
    x120      c36                              1  c291                             1 
    x120      c200                             1  Obj                              5 
    x120      c252                             1  c217                             1 
    x120      c61                              1  c129                             1 
    x120      c131                             1 
    x121      c291                             1  c131                             1 
    x121      c169                             1  c96                              1 
    x121      c50                              1  c175                             1 
    x121      c153                             1  Obj                             28 
    x121      c120                             1  c57                              1 
    x121      c179                             1  c118                             1 
    x121      c298                             1  c261                             1 
    x121      c275                             1  c209                             1 
    x121      c208                             1  c99                              1 
    x121      c7                               1  c253                             1 
    x121      c295                             1  c248                             1 
    x122      c19                              1  c166                             1 
    x122      c17                              1  c202                             1 
    x122      c127                             1  c64                              1 
    x122      c110                             1  c124                             1 
    x122      Obj                             94  c104                             1 
    x123      c121                             1  c35                              1 
    x123      c183                             1  c256                             1 
    x123      c153                             1  Obj                             21 
    x123      c239                             1  c250                             1 
    x123      c161                             1  c265                             1 
    x123      c160                             1  c235                             1 
    x123      c242                             1  c213                             1 
    x123      c218                             1  c42                              1 
    x123      c212                             1  c245                             1 
    x123      c244                             1 
    x124      c288                             1  c260                             1 
    x124      c87                              1  c167                             1 
    x124      c236                             1  c88                              1 
    x124      c237                             1  c217                             1 
    x124      c249                             1  c148                             1 
    x124      c38                              1  Obj                             44 
    x124      c185                             1 
    x125      c137                             1  c92                              1 
    x125      c181                             1  c272                             1 
    x125      c135                             1  c222                             1 
    x125      c21                              1  c118                             1 
    x125      c49                              1  c140                             1 
    x125      c215                             1  Obj                             70 
    x126      c260                             1  c11                              1 
    x126      c46                              1  c252                             1 
    x126      c66                              1  Obj                             52 
    x126      c181                             1  c176                             1 
    x126      c45                              1  c213                             1 
    x126      c189                             1  c4                               1 
    x126      c220                             1  c183                             1 
    x126      c85                              1  c230                             1 
    x127      c279                             1  c118                             1 
    x127      c202                             1  c91                              1 
    x127      c269                             1  c129                             1 
    x127      c108                             1  c169                             1 
    x127      c45                              1  c258                             1 
    x127      c164                             1  c263                             1 
    x127      Obj                             89  c154                             1 
    x127      c35                              1 
    x128      c179                             1  c61                              1 
    x128      c101                             1  c273                             1 
    x128      c122                             1  Obj                             95 
    x128      c119                             1  c86                              1 
    x128      c140                             1  c48                              1 
    x128      c144                             1  c41                              1 
    x128      c199                             1  c42                              1 
    x128      c157                             1  c266                             1 
    x129      c137                             1  c28                              1 
    x129      c58                              1  c187                             1 
    x129      Obj                             15  c20                              1 
    x129      c68                              1  c37                              1 
    x129      c106                             1  c260                             1 
    x129      c240                             1  c229                             1 
    x129      c21                              1  c34                              1 
    x129      c135                             1 
    x130      c298                             1  c82                              1 
    x130      c7                               1  c8                               1 
    x130      c45                              1  c276                             1 
    x130      c172                             1  Obj                             44 
    x130      c156                             1  c84                              1 
    x130      c65                              1  c0                               1 
    x130      c33                              1 
    x131      c236                             1  c266                             1 
    x131      c129                             1  c182                             1 
    x131      c177                             1  c184                             1 
    x131      c197                             1  c73                              1 
    x131      c290                             1  Obj                             34 
    x131      c202                             1 
    x132      c222                             1  c169                             1 
    x132      c121                             1  c170                             1 
    x132      c51                              1  c262                             1 
    x132      Obj                             70  c201                             1 
    x132      c27                              1  c105                             1 
    x132      c49                              1  c65                              1 
    x132      c120                             1  c77                              1 
    x132      c58                              1  c150                             1 
    x132      c11                              1  c35                              1 
    x132      c219                             1  c244                             1 
    x132      c18                              1  c210                             1 
    x132      c146                             1 
    x133      c278                             1  c54                              1 
    x133      Obj                             78  c92                              1 
    x133      c230                             1  c20                              1 
    x133      c149                             1  c4                               1 
    x133      c257                             1  c39                              1 
    x134      c295                             1  c234                             1 
    x134      c265                             1  Obj                              5 
    x134      c189                             1  c35                              1 
    x134      c55                              1  c152                             1 
    x134      c213                             1  c212                             1 
    x134      c118                             1  c10                              1 
    x135      c221                             1  c96                              1 
    x135      c217                             1  c124                             1 
    x135      c50                              1  c183                             1 
    x135      c248                             1  Obj                             93 
    x135      c267                             1  c31                              1 
    x135      c253                             1  c56                              1 
    x135      c141                             1  c116                             1 
    x135      c168                             1  c222                             1 
    x135      c69                              1 
    x136      c123                             1  c49                              1 
    x136      c75                              1  c15                              1 
    x136      c204                             1  c266                             1 
    x136      c83                              1  c101                             1 
    x136      c134                             1  c156                             1 
    x136      Obj                             21  c282                             1 
    x136      c224                             1  c80                              1 
    x136      c92                              1  c79                              1 
    x137      c217                             1  c221                             1 
    x137      c249                             1  c202                             1 
    x137      Obj                            100  c253                             1 
    x137      c159                             1  c143                             1 
    x137      c154                             1  c231                             1 
    x137      c12                              1  c44                              1 
    x137      c113                             1  c100                             1 
    x137      c94                              1 
    x138      c196                             1  Obj                             60 
    x138      c55                              1  c56                              1 
    x138      c104                             1  c69                              1 
    x138      c138                             1  c49                              1 
    x138      c236                             1  c50                              1 
    x138      c230                             1 
    x139      c81                              1  c57                              1 
    x139      c243                             1  c78                              1 
    x139      c287                             1  c229                             1 
    x139      c260                             1  c238                             1 
    x139      c36                              1  c20                              1 
    x139      c163                             1  c32                              1 
    x139      Obj                             60  c9                               1 
    x139      c214                             1  c107                             1 
    x139      c177                             1  c239                             1 
    x139      c196                             1 
    x140      c294                             1  Obj                             77 
    x140      c283                             1  c155                             1 
    x140      c180                             1  c154                             1 
    x140      c277                             1  c159                             1 
    x140      c36                              1  c182                             1 
    x140      c212                             1  c47                              1 
    x140      c97                              1 
    x141      c144                             1  c252                             1 
    x141      c202                             1  c276                             1 
    x141      c137                             1  c63                              1 
    x141      c102                             1  Obj                             45 
    x142      c275                             1  c212                             1 
    x142      c109                             1  c91                              1 
    x142      Obj                             83  c263                             1 
    x142      c123                             1  c202                             1 
    x142      c60                              1  c170                             1 
    x142      c9                               1  c192                             1 
    x142      c292                             1  c241                             1 
    x142      c191                             1  c33                              1 
    x143      c198                             1  c223                             1 
    x143      c99                              1  c210                             1 
    x143      c184                             1  c47                              1 
    x143      c294                             1  Obj                             87 
    x143      c41                              1  c129                             1 
    x143      c18                              1  c208                             1 
    x143      c100                             1  c36                              1 
    x144      c201                             1  c285                             1 
    x144      c63                              1  c202                             1 
    x144      c117                             1  c255                             1 
    x144      c185                             1  c190                             1 
    x144      c253                             1  c136                             1 
    x144      c25                              1  c43                              1 
    x144      c89                              1  c98                              1 
    x144      Obj                              4 
    x145      c244                             1  c29                              1 
    x145      c231                             1  c245                             1 
    x145      Obj                             33  c66                              1 
    x145      c243                             1  c122                             1 
    x145      c142                             1  c259                             1 
    x146      c37                              1  c283                             1 
    x146      c288                             1  c116                             1 
    x146      c83                              1  c159                             1 
    x146      c22                              1  c251                             1 
    x146      Obj                             36  c27                              1 
    x146      c141                             1  c274                             1 
    x146      c73                              1  c284                             1 
    x146      c19                              1  c40                              1 
    x146      c151                             1  c202                             1 
    x146      c258                             1  c0                               1 
    x146      c92                              1 
    x147      c144                             1  c240                             1 
    x147      c177                             1  c185                             1 
    x147      c149                             1  c19                              1 
    x147      c228                             1  c278                             1 
    x147      c208                             1  c101                             1 
    x147      c232                             1  c47                              1 
    x147      c256                             1  c229                             1 
    x147      c170                             1  Obj                             38 
    x147      c191                             1  c145                             1 
    x147      c141                             1  c27                              1 
    x147      c25                              1  c182                             1 
    x147      c95                              1 
    x148      c52                              1  c200                             1 
    x148      c216                             1  c9                               1 
    x148      c219                             1  c201                             1 
    x148      c251                             1  c161                             1 
    x148      c167                             1  c11                              1 
    x148      c139                             1  Obj                             38 
    x148      c91                              1  c21                              1 
    x148      c119                             1  c289                             1 
    x149      Obj                             62  c268                             1 
    x149      c6                               1  c254                             1 
    x149      c150                             1  c266                             1 
    x149      c13                              1  c197                             1 
    x149      c221                             1  c125                             1 
    x149      c227                             1  c239                             1 
    x149      c196                             1  c149                             1 
    x150      c121                             1  c218                             1 
    x150      c103                             1  c294                             1 
    x150      Obj                             80  c53                              1 
    x150      c238                             1  c18                              1 
    x150      c0                               1  c236                             1 
    x150      c224                             1  c52                              1 
    x150      c85                              1  c190                             1 
    x151      c121                             1  c184                             1 
    x151      c250                             1  c220                             1 
    x151      c202                             1  Obj                             53 
    x151      c156                             1  c61                              1 
    x151      c219                             1  c168                             1 
    x151      c37                              1  c94                              1 
    x151      c255                             1  c21                              1 
    x151      c20                              1  c145                             1 
    x151      c51                              1 
    x152      c120                             1  c233                             1 
    x152      c40                              1  Obj                             57 
    x152      c144                             1  c279                             1 
    x152      c132                             1  c202                             1 
    x152      c275                             1  c191                             1 
    x152      c264                             1  c208                             1 
    x152      c117                             1  c31                              1 
    x152      c24                              1  c151                             1 
    x152      c67                              1 
    x153      c106                             1  c209                             1 
    x153      c16                              1  c185                             1 
    x153      c36                              1  c287                             1 
    x153      c172                             1  c27                              1 
    x153      c284                             1  c21                              1 
    x153      Obj                             88  c87                              1 
    x153      c53                              1 
    x154      c60                              1  c160                             1 
    x154      c13                              1  c169                             1 
    x154      c278                             1  c260                             1 
    x154      c168                             1  c299                             1 
    x154      c15                              1  c80                              1 
    x154      c181                             1  Obj                             81 
    x154      c89                              1  c86                              1 
    x154      c114                             1  c151                             1 
    x154      c263                             1 
    x155      c60                              1  c297                             1 
    x155      c162                             1  c20                              1 
    x155      c172                             1  c159                             1 
    x155      c236                             1  c39                              1 
    x155      c80                              1  c86                              1 
    x155      c174                             1  Obj                             48 
    x155      c137                             1  c255                             1 
    x155      c124                             1  c61                              1 
    x155      c93                              1  c14                              1 
    x155      c237                             1  c160                             1 
    x155      c154                             1 
    x156      c126                             1  c100                             1 
    x156      c161                             1  c125                             1 
    x156      Obj                             15  c262                             1 
    x156      c6                               1  c229                             1 
    x156      c250                             1  c263                             1 
    x156      c269                             1  c291                             1 
    x156      c157                             1  c148                             1 
    x156      c285                             1  c155                             1 
    x157      c147                             1  c184                             1 
    x157      c54                              1  Obj                             82 
    x157      c114                             1  c282                             1 
    x157      c1                               1  c102                             1 
    x157      c219                             1  c162                             1 
    x157      c45                              1  c272                             1 
    x157      c84                              1  c256                             1 
    x157      c200                             1 
    x158      c91                              1  c254                             1 
    x158      c8                               1  Obj                             19 
    x158      c77                              1  c73                              1 
    x158      c212                             1  c34                              1 
    x158      c166                             1  c297                             1 
    x158      c199                             1  c278                             1 
    x159      c121                             1  c43                              1 
    x159      c87                              1  c217                             1 
    x159      c39                              1  c95                              1 
    x159      c289                             1  c19                              1 
    x159      c155                             1  c16                              1 
    x159      c258                             1  c71                              1 
    x159      c94                              1  c124                             1 
    x159      c46                              1  c284                             1 
    x159      c254                             1  c102                             1 
    x159      Obj                             44  c45                              1 
    x160      c162                             1  Obj                             91 
    x160      c260                             1  c255                             1 
    x160      c225                             1  c41                              1 
    x160      c42                              1  c123                             1 
    x160      c173                             1  c239                             1 
    x160      c155                             1  c125                             1 
    x160      c64                              1  c58                              1 
    x160      c278                             1  c132                             1 
    x160      c230                             1  c270                             1 
    x161      Obj                              7  c125                             1 
    x161      c267                             1  c1                               1 
    x161      c50                              1  c49                              1 
    x161      c5                               1  c28                              1 
    x161      c169                             1  c251                             1 
    x161      c111                             1  c180                             1 
    x162      c2                               1  c27                              1 
    x162      c16                              1  c61                              1 
    x162      c288                             1  c76                              1 
    x162      c184                             1  c272                             1 
    x162      c42                              1  c24                              1 
    x162      c26                              1  Obj                             18 
    x163      Obj                              9  c21                              1 
    x163      c255                             1  c161                             1 
    x163      c105                             1  c158                             1 
    x163      c235                             1  c128                             1 
    x163      c42                              1  c142                             1 
    x163      c38                              1  c103                             1 
    x163      c159                             1  c4                               1 
    x163      c82                              1  c44                              1 
    x163      c94                              1  c263                             1 
    x164      c130                             1  c160                             1 
    x164      c52                              1  c229                             1 
    x164      c209                             1  c153                             1 
    x164      c58                              1  c230                             1 
    x164      c97                              1  Obj                             55 
    x164      c149                             1  c213                             1 
    x165      c277                             1  c116                             1 
    x165      c147                             1  Obj                             30 
    x165      c43                              1  c103                             1 
    x165      c244                             1  c120                             1 
    x165      c112                             1  c265                             1 
    x165      c137                             1  c16                              1 
    x166      c224                             1  c181                             1 
    x166      c147                             1  c52                              1 
    x166      c237                             1  c32                              1 
    x166      c87                              1  c296                             1 
    x166      Obj                             90  c42                              1 
    x166      c80                              1  c274                             1 
    x166      c144                             1  c243                             1 
    x166      c258                             1 
    x167      c221                             1  c95                              1 
    x167      c99                              1  c113                             1 
    x167      c136                             1  c187                             1 
    x167      c153                             1  c148                             1 
    x167      c66                              1  c283                             1 
    x167      Obj                              4  c184                             1 
    x167      c253                             1  c38                              1 
    x167      c292                             1  c56                              1 
    x167      c298                             1  c195                             1 
    x167      c40                              1  c266                             1 
    x167      c74                              1 
    x168      c25                              1  c215                             1 
    x168      c28                              1  c0                               1 
    x168      c165                             1  c21                              1 
    x168      c44                              1  c29                              1 
    x168      c148                             1  c63                              1 
    x168      c58                              1  c152                             1 
    x168      Obj                             91  c55                              1 
    x168      c269                             1  c222                             1 
    x168      c250                             1  c5                               1 
    x168      c294                             1  c37                              1 
    x168      c135                             1  c254                             1 
    x169      c115                             1  Obj                             40 
    x169      c51                              1  c239                             1 
    x169      c152                             1  c140                             1 
    x169      c146                             1  c216                             1 
    x169      c22                              1  c83                              1 
    x169      c235                             1  c242                             1 
    x169      c130                             1  c2                               1 
    x169      c274                             1  c214                             1 
    x169      c42                              1 
    x170      c209                             1  c7                               1 
    x170      c251                             1  c112                             1 
    x170      c239                             1  c129                             1 
    x170      c11                              1  c83                              1 
    x170      c122                             1  c196                             1 
    x170      Obj                             83  c142                             1 
    x170      c136                             1  c128                             1 
    x170      c86                              1 
    x171      c86                              1  c60                              1 
    x171      c238                             1  c91                              1 
    x171      c180                             1  c10                              1 
    x171      c36                              1  c150                             1 
    x171      c35                              1  c56                              1 
    x171      Obj                             68  c213                             1 
    x171      c112                             1 
    x172      c60                              1  c223                             1 
    x172      c13                              1  c11                              1 
    x172      c278                             1  c67                              1 
    x172      c238                             1  c244                             1 
    x172      c45                              1  c90                              1 
    x172      c161                             1  c279                             1 
    x172      c87                              1  Obj                              1 
    x173      c220                             1  c115                             1 
    x173      c239                             1  c43                              1 
    x173      c102                             1  c190                             1 
    x173      c3                               1  c197                             1 
    x173      c234                             1  c145                             1 
    x173      Obj                             55  c252                             1 
    x173      c255                             1 
    x174      c177                             1  c57                              1 
    x174      c2                               1  c38                              1 
    x174      c98                              1  c148                             1 
    x174      c85                              1  c130                             1 
    x174      Obj                             93  c180                             1 
    x174      c7                               1  c158                             1 
    x174      c128                             1  c244                             1 
    x174      c173                             1  c75                              1 
    x175      c199                             1  c218                             1 
    x175      c120                             1  Obj                             91 
    x175      c195                             1  c250                             1 
    x175      c85                              1  c172                             1 
    x175      c49                              1  c130                             1 
    x175      c151                             1  c229                             1 
    x175      c148                             1  c65                              1 
    x175      c91                              1  c1                               1 
    x175      c249                             1  c242                             1 
    x176      c4                               1  c239                             1 
    x176      c64                              1  c191                             1 
    x176      c215                             1  c71                              1 
    x176      c31                              1  c227                             1 
    x176      c177                             1  c170                             1 
    x176      c129                             1  c166                             1 
    x176      c296                             1  c161                             1 
    x176      c136                             1  c103                             1 
    x176      Obj                            100  c235                             1 
    x176      c160                             1  c193                             1 
    x176      c220                             1  c58                              1 
    x176      c173                             1 
    x177      c189                             1  c224                             1 
    x177      c42                              1  c203                             1 
    x177      c120                             1  c225                             1 
    x177      c255                             1  c43                              1 
    x177      c294                             1  c169                             1 
    x177      c168                             1  c207                             1 
    x177      c33                              1  c190                             1 
    x177      c99                              1  c196                             1 
    x177      c200                             1  c45                              1 
    x177      c63                              1  c284                             1 
    x177      Obj                             99 
    x178      c266                             1  c155                             1 
    x178      c244                             1  Obj                             18 
    x178      c269                             1  c109                             1 
    x178      c126                             1  c270                             1 
    x178      c18                              1  c111                             1 
    x179      c222                             1  c284                             1 
    x179      c187                             1  c247                             1 
    x179      Obj                             35  c299                             1 
    x179      c73                              1  c258                             1 
    x179      c255                             1  c98                              1 
    x179      c80                              1  c116                             1 
    x179      c26                              1  c181                             1 
    x179      c89                              1  c87                              1 
    x179      c27                              1  c140                             1 
    x180      c95                              1  c9                               1 
    x180      c100                             1  c294                             1 
    x180      c128                             1  c233                             1 
    x180      c34                              1  c106                             1 
    x180      c116                             1  c15                              1 
    x180      c102                             1  c25                              1 
    x180      c39                              1  c151                             1 
    x180      c135                             1  c154                             1 
    x180      Obj                              7 
    x181      c234                             1  Obj                             73 
    x181      c147                             1  c222                             1 
    x181      c15                              1  c168                             1 
    x181      c59                              1  c74                              1 
    x181      c27                              1  c82                              1 
    x181      c275                             1  c154                             1 
    x181      c53                              1  c73                              1 
    x182      c201                             1  c93                              1 
    x182      c87                              1  c278                             1 
    x182      c11                              1  c100                             1 
    x182      c295                             1  c13                              1 
    x182      c266                             1  Obj                             91 
    x182      c37                              1  c70                              1 
    x182      c172                             1  c35                              1 
    x182      c113                             1  c134                             1 
    x182      c43                              1  c133                             1 
    x182      c259                             1  c274                             1 
    x182      c280                             1  c138                             1 
    x183      c11                              1  Obj                             80 
    x183      c189                             1  c194                             1 
    x183      c121                             1  c298                             1 
    x183      c88                              1  c289                             1 
    x183      c2                               1  c276                             1 
    x183      c116                             1  c254                             1 
    x183      c274                             1  c161                             1 
    x183      c261                             1  c123                             1 
    x183      c220                             1  c125                             1 
    x184      c108                             1  c9                               1 
    x184      c223                             1  c286                             1 
    x184      Obj                             41  c50                              1 
    x184      c19                              1  c86                              1 
    x184      c274                             1  c70                              1 
    x184      c89                              1  c189                             1 
    x184      c98                              1  c164                             1 
    x184      c210                             1  c296                             1 
    x184      c141                             1  c200                             1 
    x185      c158                             1  c130                             1 
    x185      c233                             1  c172                             1 
    x185      c3                               1  c80                              1 
    x185      c252                             1  c55                              1 
    x185      c5                               1  c105                             1 
    x185      Obj                              6  c94                              1 
    x185      c41                              1  c102                             1 
    x185      c124                             1  c127                             1 
    x185      c25                              1  c184                             1 
    x186      c164                             1  c255                             1 
    x186      c14                              1  c13                              1 
    x186      c118                             1  c16                              1 
    x186      c18                              1  c67                              1 
    x186      c95                              1  c230                             1 
    x186      Obj                             98  c250                             1 
    x186      c85                              1  c168                             1 
    x186      c65                              1  c287                             1 
    x186      c185                             1  c157                             1 
    x186      c299                             1  c294                             1 
    x186      c103                             1 
    x187      c116                             1  c265                             1 
    x187      c208                             1  c113                             1 
    x187      Obj                             80  c70                              1 
    x187      c95                              1  c13                              1 
    x187      c9                               1  c288                             1 
    x187      c90                              1  c102                             1 
    x188      c72                              1  Obj                              2 
    x188      c102                             1  c77                              1 
    x188      c232                             1  c164                             1 
    x188      c192                             1  c75                              1 
    x188      c38                              1  c156                             1 
    x188      c254                             1  c114                             1 
    x188      c256                             1  c195                             1 
    x188      c101                             1 
    x189      c3                               1  c238                             1 
    x189      c18                              1  c109                             1 
    x189      c252                             1  c66                              1 
    x189      Obj                             89  c193                             1 
    x189      c240                             1  c13                              1 
    x189      c11                              1  c201                             1 
    x189      c51                              1  c110                             1 
    x189      c89                              1 
    x190      c141                             1  c98                              1 
    x190      c92                              1  c21                              1 
    x190      c128                             1  c150                             1 
    x190      c209                             1  c56                              1 
    x190      c112                             1  c189                             1 
    x190      c264                             1  c220                             1 
    x190      c59                              1  c80                              1 
    x190      c237                             1  c282                             1 
    x190      c268                             1  c217                             1 
    x190      c45                              1  c75                              1 
    x190      Obj                             33  c0                               1 
    x190      c288                             1 
    x191      c220                             1  c260                             1 
    x191      c45                              1  Obj                             79 
    x191      c33                              1  c13                              1 
    x191      c159                             1  c267                             1 
    x191      c180                             1  c174                             1 
    x191      c210                             1  c135                             1 
    x191      c139                             1  c117                             1 
    x191      c125                             1  c294                             1 
    x191      c19                              1  c18                              1 
    x192      c115                             1  c290                             1 
    x192      c99                              1  c110                             1 
    x192      c24                              1  c257                             1 
    x192      c123                             1  Obj                             46 
    x192      c72                              1  c70                              1 
    x192      c261                             1  c240                             1 
    x192      c160                             1  c254                             1 
    x192      c199                             1  c47                              1 
    x192      c174                             1  c270                             1 
    x192      c237                             1 
    x193      c279                             1  c86                              1 
    x193      c82                              1  c18                              1 
    x193      c73                              1  c2                               1 
    x193      c20                              1  c35                              1 
    x193      c207                             1  c106                             1 
    x193      Obj                             26  c197                             1 
    x193      c146                             1  c123                             1 
    x193      c148                             1  c43                              1 
    x194      c222                             1  c9                               1 
    x194      c205                             1  c159                             1 
    x194      c1                               1  c169                             1 
    x194      c146                             1  c48                              1 
    x194      c90                              1  c81                              1 
    x194      c207                             1  c282                             1 
    x194      Obj                              3  c176                             1 
    x195      c49                              1  c14                              1 
    x195      c7                               1  c101                             1 
    x195      c229                             1  c225                             1 
    x195      c203                             1  c81                              1 
    x195      c263                             1  c33                              1 
    x195      Obj                             76 
    x196      c43                              1  c56                              1 
    x196      c268                             1  c26                              1 
    x196      c266                             1  c196                             1 
    x196      c278                             1  c207                             1 
    x196      c223                             1  c131                             1 
    x196      c253                             1  c44                              1 
    x196      c120                             1  c168                             1 
    x196      c55                              1  c77                              1 
    x196      c275                             1  c231                             1 
    x196      Obj                             13  c293                             1 
    x197      c12                              1  c179                             1 
    x197      c124                             1  c297                             1 
    x197      c270                             1  c226                             1 
    x197      c213                             1  c290                             1 
    x197      c91                              1  c35                              1 
    x197      Obj                             80  c299                             1 
    x197      c10                              1  c150                             1 
    x197      c222                             1  c221                             1 
    x197      c102                             1  c259                             1 
    x198      c181                             1  c212                             1 
    x198      c281                             1  c274                             1 
    x198      c202                             1  c37                              1 
    x198      c289                             1  c122                             1 
    x198      c172                             1  c9                               1 
    x198      c139                             1  c6                               1 
    x198      Obj                             32  c100                             1 
    x198      c121                             1 
    x199      c291                             1  c127                             1 
    x199      c162                             1  Obj                             87 
    x199      c79                              1  c100                             1 
    x199      c284                             1  c92                              1 
    x199      c47                              1  c45                              1 
    x199      c187                             1  c215                             1 
    x199      c183                             1  c66                              1 
    x200      c6                               1  c12                              1 
    x200      c249                             1  Obj                             28 
    x200      c105                             1  c128                             1 
    x200      c82                              1  c246                             1 
    x200      c245                             1  c45                              1 
    x200      c143                             1  c96                              1 
    x200      c98                              1  c58                              1 
    x200      c240                             1  c145                             1 
    x201      c137                             1  c5                               1 
    x201      Obj                             81  c266                             1 
    x201      c44                              1  c203                             1 
    x201      c88                              1  c298                             1 
    x201      c75                              1  c242                             1 
    x201      c215                             1  c22                              1 
    x201      c94                              1  c33                              1 
    x201      c55                              1  c210                             1 
    x201      c128                             1  c288                             1 
    x201      c237                             1  c285                             1 
    x202      c102                             1  c293                             1 
    x202      c227                             1  c136                             1 
    x202      c263                             1  c114                             1 
    x202      c149                             1  Obj                             46 
    x202      c123                             1  c131                             1 
    x202      c11                              1  c159                             1 
    x202      c89                              1  c15                              1 
    x203      c184                             1  c209                             1 
    x203      c31                              1  c46                              1 
    x203      c101                             1  c166                             1 
    x203      c159                             1  c176                             1 
    x203      c25                              1  c126                             1 
    x203      c142                             1  c63                              1 
    x203      c230                             1  c140                             1 
    x203      c98                              1  Obj                             65 
    x203      c6                               1  c99                              1 
    x203      c170                             1 
    x204      c106                             1  c125                             1 
    x204      c97                              1  c55                              1 
    x204      c159                             1  c260                             1 
    x204      Obj                             67  c189                             1 
    x204      c66                              1  c19                              1 
    x204      c60                              1  c59                              1 
    x204      c63                              1  c176                             1 
    x204      c169                             1  c71                              1 
    x205      c105                             1  c119                             1 
    x205      c264                             1  Obj                             90 
    x205      c90                              1  c172                             1 
    x205      c77                              1  c21                              1 
    x205      c262                             1  c257                             1 
    x205      c267                             1  c276                             1 
    x205      c88                              1  c10                              1 
    x205      c235                             1 
    x206      c259                             1  c270                             1 
    x206      c232                             1  c260                             1 
    x206      c255                             1  c252                             1 
    x206      c170                             1  c200                             1 
    x206      c287                             1  Obj                             95 
    x206      c276                             1  c266                             1 
    x207      c227                             1  c245                             1 
    x207      c290                             1  c56                              1 
    x207      c23                              1  Obj                            100 
    x207      c18                              1  c121                             1 
    x207      c209                             1  c62                              1 
    x208      c163                             1  c186                             1 
    x208      c11                              1  c136                             1 
    x208      c16                              1  Obj                             31 
    x208      c293                             1  c203                             1 
    x208      c119                             1  c67                              1 
    x208      c70                              1  c272                             1 
    x208      c159                             1  c31                              1 
    x209      c175                             1  c49                              1 
    x209      c5                               1  c258                             1 
    x209      c194                             1  c152                             1 
    x209      c157                             1  Obj                             98 
    x209      c82                              1  c293                             1 
    x209      c298                             1  c221                             1 
    x210      c11                              1  c58                              1 
    x210      c118                             1  c62                              1 
    x210      c208                             1  c54                              1 
    x210      c146                             1  c66                              1 
    x210      Obj                             49  c44                              1 
    x210      c55                              1  c221                             1 
    x210      c130                             1  c8                               1 
    x210      c177                             1  c175                             1 
    x210      c224                             1  c21                              1 
    x210      c133                             1  c135                             1 
    x210      c59                              1 
    x211      c285                             1  c179                             1 
    x211      c25                              1  c46                              1 
    x211      c199                             1  c135                             1 
    x211      c281                             1  c73                              1 
    x211      c147                             1  c210                             1 
    x211      c137                             1  c100                             1 
    x211      c186                             1  Obj                             80 
    x211      c106                             1  c188                             1 
    x211      c8                               1  c280                             1 
    x211      c294                             1 
    x212      c213                             1  c288                             1 
    x212      c155                             1  c75                              1 
    x212      c168                             1  c281                             1 
    x212      c209                             1  c241                             1 
    x212      c116                             1  c231                             1 
    x212      c190                             1  Obj                             95 
    x212      c175                             1  c143                             1 
    x212      c123                             1  c24                              1 
    x212      c32                              1  c67                              1 
    x212      c12                              1  c239                             1 
    x212      c81                              1 
    x213      c173                             1  c124                             1 
    x213      Obj                             53  c85                              1 
    x213      c141                             1  c221                             1 
    x213      c98                              1  c38                              1 
    x213      c26                              1  c254                             1 
    x213      c2                               1  c204                             1 
    x213      c250                             1  c134                             1 
    x213      c49                              1  c205                             1 
    x213      c119                             1  c210                             1 
    x214      c297                             1  c147                             1 
    x214      c203                             1  c242                             1 
    x214      c98                              1  c95                              1 
    x214      c207                             1  c164                             1 
    x214      c214                             1  c257                             1 
    x214      c73                              1  c285                             1 
    x214      c174                             1  c137                             1 
    x214      c273                             1  c198                             1 
    x214      c17                              1  Obj                             17 
    x214      c3                               1  c218                             1 
    x214      c200                             1  c278                             1 
    x214      c113                             1  c96                              1 
    x215      c111                             1  c282                             1 
    x215      c43                              1  c3                               1 
    x215      Obj                             38  c125                             1 
    x215      c203                             1  c130                             1 
    x215      c56                              1  c214                             1 
    x215      c267                             1  c213                             1 
    x216      c20                              1  c27                              1 
    x216      c115                             1  c230                             1 
    x216      c87                              1  c188                             1 
    x216      c284                             1  Obj                             36 
    x216      c136                             1  c40                              1 
    x216      c249                             1  c285                             1 
    x216      c196                             1  c3                               1 
    x216      c113                             1 
    x217      c15                              1  c208                             1 
    x217      c3                               1  c276                             1 
    x217      c189                             1  c61                              1 
    x217      c138                             1  c186                             1 
    x217      c258                             1  c210                             1 
    x217      c130                             1  c214                             1 
    x217      c26                              1  Obj                             75 
    x217      c235                             1  c94                              1 
    x218      c297                             1  c236                             1 
    x218      c159                             1  c254                             1 
    x218      c108                             1  c279                             1 
    x218      Obj                             25  c38                              1 
    x218      c37                              1  c187                             1 
    x218      c82                              1  c172                             1 
    x218      c33                              1  c78                              1 
    x218      c137                             1  c290                             1 
    x218      c74                              1 
    x219      c23                              1  c17                              1 
    x219      c290                             1  c258                             1 
    x219      Obj                             12  c154                             1 
    x219      c226                             1  c247                             1 
    x219      c146                             1  c196                             1 
    x219      c47                              1  c86                              1 
    x219      c205                             1  c70                              1 
    x219      c150                             1  c112                             1 
    x219      c223                             1 
    x220      c96                              1  c156                             1 
    x220      c171                             1  c299                             1 
    x220      Obj                              7  c248                             1 
    x220      c133                             1  c84                              1 
    x220      c178                             1  c42                              1 
    x220      c43                              1  c132                             1 
    x221      c188                             1  c161                             1 
    x221      c270                             1  c249                             1 
    x221      c162                             1  c279                             1 
    x221      c38                              1  c37                              1 
    x221      c4                               1  c160                             1 
    x221      c142                             1  c52                              1 
    x221      Obj                             74  c71                              1 
    x221      c103                             1  c132                             1 
    x221      c127                             1  c193                             1 
    x221      c204                             1 
    x222      c101                             1  c4                               1 
    x222      c95                              1  c121                             1 
    x222      c100                             1  c36                              1 
    x222      Obj                             62  c69                              1 
    x222      c17                              1  c116                             1 
    x222      c63                              1  c15                              1 
    x222      c263                             1  c70                              1 
    x223      c20                              1  c61                              1 
    x223      c78                              1  c219                             1 
    x223      c232                             1  c110                             1 
    x223      c101                             1  Obj                             74 
    x223      c0                               1  c160                             1 
    x224      c154                             1  c55                              1 
    x224      c167                             1  c232                             1 
    x224      c117                             1  c143                             1 
    x224      c231                             1  c200                             1 
    x224      Obj                             88  c59                              1 
    x224      c288                             1  c17                              1 
    x224      c86                              1  c63                              1 
    x225      c60                              1  c144                             1 
    x225      c255                             1  c55                              1 
    x225      c2                               1  Obj                             64 
    x225      c35                              1  c157                             1 
    x225      c128                             1  c120                             1 
    x225      c45                              1  c244                             1 
    x225      c234                             1  c174                             1 
    x225      c225                             1 
    x226      c78                              1  c143                             1 
    x226      c67                              1  c45                              1 
    x226      c167                             1  c258                             1 
    x226      c289                             1  Obj                              1 
    x226      c237                             1  c217                             1 
    x226      c82                              1  c130                             1 
    x226      c87                              1  c194                             1 
    x226      c226                             1 
    x227      c157                             1  c264                             1 
    x227      c17                              1  c204                             1 
    x227      c68                              1  Obj                             11 
    x227      c121                             1  c156                             1 
    x227      c173                             1  c40                              1 
    x227      c28                              1  c192                             1 
    x227      c296                             1  c138                             1 
    x227      c25                              1  c177                             1 
    x228      c225                             1  c180                             1 
    x228      c100                             1  c226                             1 
    x228      c263                             1  c245                             1 
    x228      c87                              1  c86                              1 
    x228      c219                             1  c179                             1 
    x228      c145                             1  c128                             1 
    x228      c247                             1  c58                              1 
    x228      Obj                             36  c54                              1 
    x228      c286                             1 
    x229      c172                             1  c162                             1 
    x229      c243                             1  c152                             1 
    x229      c52                              1  c125                             1 
    x229      c201                             1  c208                             1 
    x229      c56                              1  c252                             1 
    x229      Obj                             64  c250                             1 
    x230      c171                             1  c108                             1 
    x230      c18                              1  Obj                             63 
    x230      c175                             1  c203                             1 
    x230      c177                             1 
    x231      c247                             1  c25                              1 
    x231      c62                              1  c28                              1 
    x231      c274                             1  c57                              1 
    x231      c220                             1  c257                             1 
    x231      c294                             1  Obj                             95 
    x231      c177                             1  c23                              1 
    x231      c61                              1  c207                             1 
    x232      c129                             1  c52                              1 
    x232      c275                             1  c40                              1 
    x232      c42                              1  c105                             1 
    x232      c233                             1  c276                             1 
    x232      c218                             1  c219                             1 
    x232      c3                               1  c2                               1 
    x232      c161                             1  c12                              1 
    x232      c46                              1  c30                              1 
    x232      Obj                             88  c187                             1 
    x232      c158                             1  c148                             1 
    x232      c147                             1 
    x233      c18                              1  c273                             1 
    x233      c281                             1  c139                             1 
    x233      c190                             1  c214                             1 
    x233      c217                             1  c2                               1 
    x233      c26                              1  c279                             1 
    x233      Obj                             21  c158                             1 
    x233      c122                             1  c200                             1 
    x233      c228                             1  c218                             1 
    x234      c156                             1  c0                               1 
    x234      c26                              1  c224                             1 
    x234      c124                             1  c92                              1 
    x234      c282                             1  c86                              1 
    x234      c184                             1  c170                             1 
    x234      c172                             1  c161                             1 
    x234      c52                              1  c150                             1 
    x234      c148                             1  Obj                              3 
    x235      c125                             1  c196                             1 
    x235      c76                              1  c62                              1 
    x235      c32                              1  c280                             1 
    x235      c168                             1  Obj                             77 
    x235      c161                             1  c68                              1 
    x235      c236                             1  c39                              1 
    x235      c240                             1  c208                             1 
    x236      c243                             1  c221                             1 
    x236      c181                             1  c275                             1 
    x236      c34                              1  c238                             1 
    x236      c198                             1  c140                             1 
    x236      c244                             1  Obj                             10 
    x236      c40                              1  c285                             1 
    x236      c208                             1  c6                               1 
    x236      c116                             1 
    x237      c157                             1  c276                             1 
    x237      c18                              1  c88                              1 
    x237      c194                             1  c195                             1 
    x237      Obj                             60  c94                              1 
    x237      c97                              1  c102                             1 
    x237      c218                             1  c260                             1 
    x237      c162                             1  c197                             1 
    x238      c266                             1  c57                              1 
    x238      c256                             1  c65                              1 
    x238      c14                              1  c270                             1 
    x238      c6                               1  c11                              1 
    x238      c294                             1  c154                             1 
    x238      c201                             1  c180                             1 
    x238      Obj                             68 
    x239      c204                             1  c224                             1 
    x239      c54                              1  c284                             1 
    x239      c264                             1  Obj                             68 
    x239      c243                             1  c14                              1 
    x239      c185                             1  c276                             1 
    x239      c87                              1  c18                              1 
    x239      c179                             1  c265                             1 
    x239      c158                             1  c168                             1 
    x239      c8                               1 
    x240      c90                              1  c125                             1 
    x240      c189                             1  c43                              1 
    x240      c70                              1  c119                             1 
    x240      c115                             1  Obj                             85 
    x240      c135                             1  c211                             1 
    x240      c150                             1  c217                             1 
    x240      c287                             1  c276                             1 
    x240      c299                             1  c147                             1 
    x240      c192                             1 
    x241      c162                             1  c183                             1 
    x241      Obj                              5  c1                               1 
    x241      c272                             1  c100                             1 
    x241      c235                             1  c249                             1 
    x241      c40                              1  c279                             1 
    x241      c139                             1  c111                             1 
    x242      c270                             1  c161                             1 
    x242      c119                             1  c195                             1 
    x242      Obj                             85  c30                              1 
    x242      c299                             1  c32                              1 
    x242      c45                              1  c2                               1 
    x242      c52                              1  c53                              1 
    x242      c23                              1  c172                             1 
    x243      c199                             1  c275                             1 
    x243      c112                             1  c239                             1 
    x243      c74                              1  c177                             1 
    x243      c91                              1  c225                             1 
    x243      c264                             1  Obj                             63 
    x243      c108                             1  c86                              1 
    x243      c127                             1  c246                             1 
    x244      c252                             1  Obj                             47 
    x244      c225                             1  c137                             1 
    x244      c158                             1  c73                              1 
    x244      c189                             1  c214                             1 
    x244      c118                             1  c291                             1 
    x244      c81                              1  c25                              1 
    x244      c284                             1  c53                              1 
    x245      c199                             1  c80                              1 
    x245      c7                               1  c61                              1 
    x245      c191                             1  c242                             1 
    x245      c289                             1  c243                             1 
    x245      c171                             1  c57                              1 
    x245      c215                             1  c262                             1 
    x245      c287                             1  c10                              1 
    x245      c128                             1  Obj                             36 
    x245      c253                             1  c176                             1 
    x246      Obj                             38  c287                             1 
    x246      c32                              1  c83                              1 
    x246      c186                             1  c49                              1 
    x246      c96                              1  c251                             1 
    x247      c212                             1  c219                             1 
    x247      c126                             1  Obj                             15 
    x247      c254                             1  c134                             1 
    x247      c293                             1  c245                             1 
    x247      c277                             1  c70                              1 
    x247      c29                              1  c195                             1 
    x247      c291                             1  c103                             1 
    x247      c220                             1  c182                             1 
    x247      c67                              1  c76                              1 
    x247      c130                             1 
    x248      c113                             1  c165                             1 
    x248      c56                              1  c110                             1 
    x248      c260                             1  c200                             1 
    x248      c32                              1  c24                              1 
    x248      c244                             1  c90                              1 
    x248      c181                             1  c239                             1 
    x248      c64                              1  c205                             1 
    x248      c208                             1  Obj                             50 
    x248      c120                             1 
    x249      c9                               1  c172                             1 
    x249      c72                              1  c44                              1 
    x249      c202                             1  c267                             1 
    x249      c175                             1  c45                              1 
    x249      c117                             1  Obj                             45 
    x249      c213                             1  c1                               1 
    x250      c42                              1  c112                             1 
    x250      c16                              1  c196                             1 
    x250      c48                              1  c71                              1 
    x250      c146                             1  c168                             1 
    x250      c140                             1  Obj                             95 
    x250      c150                             1  c264                             1 
    x250      c239                             1 
    x251      c44                              1  c118                             1 
    x251      c224                             1  c170                             1 
    x251      c174                             1  c182                             1 
    x251      c78                              1  c253                             1 
    x251      c165                             1  Obj                             91 
    x251      c261                             1  c176                             1 
    x252      c170                             1  c94                              1 
    x252      c14                              1  c198                             1 
    x252      c41                              1  c70                              1 
    x252      Obj                             70  c223                             1 
    x252      c281                             1  c17                              1 
    x252      c121                             1  c293                             1 
    x252      c202                             1  c135                             1 
    x253      c149                             1  c198                             1 
    x253      Obj                             83  c178                             1 
    x253      c276                             1  c240                             1 
    x253      c226                             1  c58                              1 
    x253      c66                              1  c135                             1 
    x253      c205                             1  c122                             1 
    x254      Obj                             13  c217                             1 
    x254      c211                             1  c42                              1 
    x254      c197                             1  c157                             1 
    x254      c132                             1  c272                             1 
    x254      c60                              1  c214                             1 
    x254      c118                             1  c166                             1 
    x254      c62                              1  c150                             1 
    x254      c296                             1  c12                              1 
    x254      c299                             1  c136                             1 
    x254      c33                              1 
    x255      c90                              1  c98                              1 
    x255      c283                             1  c126                             1 
    x255      c82                              1  c65                              1 
    x255      c176                             1  c162                             1 
    x255      c252                             1  c7                               1 
    x255      Obj                              9 
    x256      c2                               1  c296                             1 
    x256      c145                             1  Obj                             30 
    x256      c28                              1  c206                             1 
    x256      c295                             1  c29                              1 
    x256      c160                             1  c210                             1 
    x256      c267                             1  c271                             1 
    x256      c228                             1  c48                              1 
    x256      c291                             1  c116                             1 
    x256      c220                             1  c230                             1 
    x256      c243                             1  c106                             1 
    x257      c178                             1  c191                             1 
    x257      c281                             1  c93                              1 
    x257      c233                             1  c266                             1 
    x257      c122                             1  c272                             1 
    x257      c234                             1  c37                              1 
    x257      Obj                             13  c183                             1 
    x257      c62                              1  c221                             1 
    x257      c133                             1  c228                             1 
    x257      c70                              1  c240                             1 
    x257      c112                             1  c182                             1 
    x257      c180                             1  c4                               1 
    x257      c65                              1 
    x258      c151                             1  c115                             1 
    x258      c227                             1  c154                             1 
    x258      c6                               1  Obj                             25 
    x258      c220                             1  c1                               1 
    x258      c217                             1  c145                             1 
    x258      c20                              1  c139                             1 
    x258      c295                             1  c276                             1 
    x258      c48                              1  c194                             1 
    x258      c17                              1 
    x259      c177                             1  c205                             1 
    x259      c51                              1  c110                             1 
    x259      c266                             1  c292                             1 
    x259      Obj                              4  c180                             1 
    x259      c4                               1  c40                              1 
    x259      c253                             1  c74                              1 
    x259      c228                             1  c241                             1 
    x259      c37                              1  c113                             1 
    x259      c223                             1  c15                              1 
    x259      c260                             1  c93                              1 
    x259      c181                             1 
    x260      c156                             1  c154                             1 
    x260      c256                             1  c45                              1 
    x260      c82                              1  c288                             1 
    x260      Obj                             37  c169                             1 
    x260      c128                             1  c162                             1 
    x260      c191                             1  c164                             1 
    x260      c117                             1  c95                              1 
    x260      c135                             1  c66                              1 
    x260      c160                             1 
    x261      c113                             1  c196                             1 
    x261      Obj                             69  c46                              1 
    x261      c49                              1  c39                              1 
    x261      c40                              1  c158                             1 
    x261      c186                             1  c55                              1 
    x261      c221                             1  c171                             1 
    x261      c119                             1  c41                              1 
    x262      c11                              1  Obj                             16 
    x262      c269                             1  c9                               1 
    x262      c149                             1  c257                             1 
    x262      c154                             1  c53                              1 
    x262      c47                              1  c182                             1 
    x262      c195                             1  c168                             1 
    x262      c54                              1  c49                              1 
    x262      c20                              1 
    x263      c25                              1  c63                              1 
    x263      Obj                             47  c177                             1 
    x263      c273                             1  c253                             1 
    x263      c272                             1  c75                              1 
    x263      c207                             1 
    x264      c107                             1  c166                             1 
    x264      c278                             1  c179                             1 
    x264      c54                              1  c158                             1 
    x264      c23                              1  c233                             1 
    x264      c47                              1  Obj                             55 
    x264      c48                              1  c187                             1 
    x264      c225                             1 
    x265      c179                             1  c42                              1 
    x265      c208                             1  c60                              1 
    x265      c22                              1  c97                              1 
    x265      Obj                             30  c127                             1 
    x265      c220                             1  c120                             1 
    x265      c183                             1  c295                             1 
    x265      c205                             1  c53                              1 
    x265      c176                             1  c67                              1 
    x265      c130                             1  c43                              1 
    x266      c132                             1  c227                             1 
    x266      c37                              1  c49                              1 
    x266      c259                             1  c83                              1 
    x266      c84                              1  c55                              1 
    x266      c133                             1  c121                             1 
    x266      Obj                             70  c115                             1 
    x266      c253                             1  c120                             1 
    x266      c275                             1  c85                              1 
    x267      c250                             1  c195                             1 
    x267      c281                             1  c74                              1 
    x267      c14                              1  c288                             1 
    x267      c225                             1  c118                             1 
    x267      c162                             1  c84                              1 
    x267      c292                             1  c206                             1 
    x267      Obj                             21  c31                              1 
    x267      c77                              1  c51                              1 
    x267      c87                              1  c97                              1 
    x267      c296                             1  c273                             1 
    x268      c296                             1  c140                             1 
    x268      c216                             1  c194                             1 
    x268      c78                              1  c0                               1 
    x268      c273                             1  c275                             1 
    x268      c183                             1  c290                             1 
    x268      c100                             1  c68                              1 
    x268      c153                             1  c131                             1 
    x268      c122                             1  c85                              1 
    x268      c277                             1  Obj                             38 
    x268      c210                             1  c80                              1 
    x269      c240                             1  c219                             1 
    x269      Obj                             11  c297                             1 
    x269      c56                              1  c269                             1 
    x269      c157                             1  c84                              1 
    x269      c294                             1  c139                             1 
    x269      c110                             1  c43                              1 
    x269      c16                              1  c58                              1 
    x269      c15                              1  c260                             1 
    x269      c33                              1  c23                              1 
    x269      c147                             1 
    x270      c160                             1  c297                             1 
    x270      c128                             1  c34                              1 
    x270      c224                             1  c243                             1 
    x270      c189                             1  c184                             1 
    x270      c212                             1  c107                             1 
    x270      c62                              1  Obj                              3 
    x270      c56                              1  c245                             1 
    x270      c211                             1  c173                             1 
    x270      c206                             1  c77                              1 
    x270      c194                             1  c64                              1 
    x270      c254                             1 
    x271      c23                              1  c79                              1 
    x271      c101                             1  c10                              1 
    x271      c59                              1  c226                             1 
    x271      c32                              1  c64                              1 
    x271      c45                              1  c163                             1 
    x271      c117                             1  c270                             1 
    x271      c109                             1  c178                             1 
    x271      c214                             1  c93                              1 
    x271      Obj                             19  c157                             1 
    x271      c188                             1 
    x272      c187                             1  c66                              1 
    x272      c43                              1  c91                              1 
    x272      c31                              1  Obj                             74 
    x272      c129                             1  c71                              1 
    x272      c25                              1  c297                             1 
    x272      c242                             1  c97                              1 
    x272      c127                             1  c55                              1 
    x272      c70                              1  c175                             1 
    x272      c151                             1  c63                              1 
    x272      c161                             1  c205                             1 
    x272      c2                               1  c33                              1 
    x273      c137                             1  c106                             1 
    x273      c173                             1  Obj                             62 
    x273      c236                             1  c32                              1 
    x273      c120                             1  c135                             1 
    x273      c142                             1  c1                               1 
    x273      c262                             1  c131                             1 
    x273      c269                             1  c105                             1 
    x273      c260                             1  c220                             1 
    x273      c44                              1  c246                             1 
    x274      Obj                             67  c247                             1 
    x274      c162                             1  c290                             1 
    x274      c216                             1  c150                             1 
    x274      c116                             1  c292                             1 
    x274      c114                             1 
    x275      c133                             1  Obj                             56 
    x275      c210                             1  c146                             1 
    x275      c286                             1  c135                             1 
    x275      c222                             1  c199                             1 
    x275      c84                              1  c219                             1 
    x275      c207                             1  c261                             1 
    x275      c103                             1  c167                             1 
    x275      c250                             1  c23                              1 
    x275      c4                               1  c186                             1 
    x275      c266                             1  c245                             1 
    x275      c175                             1 
    x276      c173                             1  c185                             1 
    x276      c135                             1  c96                              1 
    x276      c122                             1  c240                             1 
    x276      c287                             1  Obj                             41 
    x276      c17                              1  c299                             1 
    x276      c15                              1  c45                              1 
    x276      c210                             1  c32                              1 
    x276      c203                             1 
    x277      c203                             1  c181                             1 
    x277      c187                             1  c275                             1 
    x277      c200                             1  c68                              1 
    x277      Obj                             81  c177                             1 
    x277      c189                             1  c25                              1 
    x277      c11                              1  c158                             1 
    x278      c274                             1  c103                             1 
    x278      c147                             1  Obj                              7 
    x278      c45                              1  c174                             1 
    x278      c168                             1  c267                             1 
    x278      c63                              1  c142                             1 
    x278      c146                             1  c192                             1 
    x278      c127                             1  c75                              1 
    x279      c176                             1  c165                             1 
    x279      c209                             1  c10                              1 
    x279      c179                             1  c218                             1 
    x279      c55                              1  c241                             1 
    x279      c89                              1  c237                             1 
    x279      c46                              1  Obj                             78 
    x279      c121                             1  c269                             1 
    x279      c195                             1  c294                             1 
    x280      c279                             1  c77                              1 
    x280      c56                              1  c292                             1 
    x280      Obj                             85  c154                             1 
    x280      c83                              1  c33                              1 
    x280      c80                              1  c16                              1 
    x280      c221                             1  c70                              1 
    x280      c207                             1  c225                             1 
    x280      c246                             1  c29                              1 
    x280      c299                             1  c281                             1 
    x280      c4                               1  c232                             1 
    x280      c11                              1  c276                             1 
    x280      c252                             1  c203                             1 
    x281      c49                              1  Obj                             60 
    x281      c142                             1  c277                             1 
    x281      c15                              1  c56                              1 
    x281      c37                              1  c265                             1 
    x281      c129                             1  c163                             1 
    x281      c77                              1  c204                             1 
    x281      c147                             1  c59                              1 
    x281      c52                              1  c256                             1 
    x281      c243                             1  c53                              1 
    x281      c272                             1  c263                             1 
    x281      c85                              1  c157                             1 
    x282      c63                              1  c4                               1 
    x282      c285                             1  c64                              1 
    x282      c232                             1  c293                             1 
    x282      c222                             1  c45                              1 
    x282      c265                             1  c104                             1 
    x282      Obj                             63  c94                              1 
    x282      c7                               1  c177                             1 
    x282      c290                             1  c146                             1 
    x282      c44                              1  c288                             1 
    x282      c98                              1 
    x283      c173                             1  c88                              1 
    x283      c104                             1  c121                             1 
    x283      c99                              1  c43                              1 
    x283      c289                             1  c179                             1 
    x283      c61                              1  c281                             1 
    x283      c226                             1  c276                             1 
    x283      Obj                             84  c140                             1 
    x283      c151                             1 
    x284      c25                              1  c61                              1 
    x284      c95                              1  c226                             1 
    x284      c172                             1  c188                             1 
    x284      c26                              1  c148                             1 
    x284      c99                              1  c22                              1 
    x284      c206                             1  c83                              1 
    x284      c108                             1  c170                             1 
    x284      c215                             1  Obj                             38 
    x284      c207                             1 
    x285      c89                              1  c138                             1 
    x285      c212                             1  Obj                             38 
    x285      c59                              1  c6                               1 
    x285      c37                              1  c253                             1 
    x285      c190                             1  c111                             1 
    x285      c14                              1  c246                             1 
    x285      c204                             1  c120                             1 
    x285      c230                             1  c250                             1 
    x286      c140                             1  c82                              1 
    x286      c168                             1  c47                              1 
    x286      c17                              1  c141                             1 
    x286      c158                             1  c201                             1 
    x286      c135                             1  c15                              1 
    x286      Obj                             17  c97                              1 
    x287      c274                             1  c109                             1 
    x287      c24                              1  Obj                              8 
    x287      c89                              1  c7                               1 
    x287      c292                             1  c45                              1 
    x287      c54                              1  c170                             1 
    x287      c134                             1  c237                             1 
    x287      c224                             1  c231                             1 
    x287      c4                               1  c74                              1 
    x288      c32                              1  c155                             1 
    x288      c226                             1  c240                             1 
    x288      c172                             1  c152                             1 
    x288      c250                             1  c180                             1 
    x288      c3                               1  c141                             1 
    x288      c136                             1  c85                              1 
    x288      c198                             1  c72                              1 
    x288      c49                              1  Obj                             47 
    x288      c84                              1  c28                              1 
    x288      c199                             1  c0                               1 
    x288      c110                             1  c179                             1 
    x289      c293                             1  c55                              1 
    x289      c100                             1  c285                             1 
    x289      c177                             1  c178                             1 
    x289      c30                              1  c148                             1 
    x289      Obj                             54  c10                              1 
    x290      c111                             1  c98                              1 
    x290      c169                             1  c235                             1 
    x290      c167                             1  c48                              1 
    x290      c180                             1  Obj                              9 
    x290      c146                             1  c105                             1 
    x290      c74                              1  c195                             1 
    x290      c118                             1  c9                               1 
    x290      c177                             1 
    x291      c274                             1  c85                              1 
    x291      c118                             1  c234                             1 
    x291      c125                             1  c142                             1 
    x291      Obj                             74  c8                               1 
    x291      c71                              1  c61                              1 
    x291      c108                             1  c0                               1 
    x291      c256                             1  c103                             1 
    x291      c176                             1  c151                             1 
    x291      c109                             1  c253                             1 
    x291      c260                             1  c169                             1 
    x291      c195                             1  c45                              1 
    x291      c161                             1  c208                             1 
    x291      c174                             1  c27                              1 
    x291      c212                             1 
    x292      c77                              1  c66                              1 
    x292      c167                             1  c175                             1 
    x292      c153                             1  c194                             1 
    x292      c103                             1  c271                             1 
    x292      c52                              1  c201                             1 
    x292      c214                             1  c248                             1 
    x292      Obj                             85  c288                             1 
    x292      c122                             1  c230                             1 
    x293      c268                             1  c226                             1 
    x293      c40                              1  c30                              1 
    x293      c45                              1  c266                             1 
    x293      c246                             1  Obj                             55 
    x293      c151                             1  c177                             1 
    x293      c91                              1  c172                             1 
    x293      c137                             1  c103                             1 
    x293      c125                             1  c283                             1 
    x293      c37                              1  c186                             1 
    x293      c11                              1  c96                              1 
    x293      c134                             1  c173                             1 
    x294      Obj                             45  c184                             1 
    x294      c60                              1  c118                             1 
    x294      c187                             1  c237                             1 
    x294      c116                             1  c285                             1 
    x294      c297                             1 
    x295      c290                             1  c9                               1 
    x295      c139                             1  c53                              1 
    x295      c202                             1  c103                             1 
    x295      c31                              1  c13                              1 
    x295      c87                              1  c244                             1 
    x295      c38                              1  c18                              1 
    x295      c158                             1  c196                             1 
    x295      c133                             1  Obj                             27 
    x295      c122                             1  c288                             1 
    x295      c228                             1  c243                             1 
    x296      c40                              1  c210                             1 
    x296      c68                              1  c134                             1 
    x296      c274                             1  c15                              1 
    x296      Obj                             16  c28                              1 
    x296      c18                              1  c151                             1 
    x296      c135                             1  c3                               1 
    x296      c213                             1  c101                             1 
    x296      c56                              1  c126                             1 
    x297      Obj                             42  c116                             1 
    x297      c257                             1  c282                             1 
    x297      c204                             1  c164                             1 
    x297      c56                              1  c49                              1 
    x297      c264                             1  c51                              1 
    x297      c83                              1  c57                              1 
    x297      c11                              1  c189                             1 
    x297      c136                             1  c132                             1 
    x298      c160                             1  c152                             1 
    x298      c177                             1  c17                              1 
    x298      Obj                             67  c40                              1 
    x298      c49                              1  c122                             1 
    x298      c109                             1  c73                              1 
    x298      c188                             1  c200                             1 
    x298      c233                             1  c66                              1 
    x298      c195                             1 
    x299      c104                             1  c147                             1 
    x299      c262                             1  c281                             1 
    x299      c76                              1  c114                             1 
    x299      c296                             1  Obj                             57 
    x299      c211                             1  c8                               1 
    x299      c42                              1  c93                              1 
    x299      c260                             1  c196                             1 
    x299      c25                              1 
    x300      c295                             1  c22                              1 
    x300      c234                             1  c277                             1 
    x300      c0                               1  c282                             1 
    x300      c42                              1  Obj                             16 
    x300      c199                             1  c296                             1 
    x300      c89                              1  c159                             1 
    x300      c207                             1  c292                             1 
    x300      c246                             1  c247                             1 
    x301      c156                             1  c119                             1 
    x301      c133                             1  c104                             1 
    x301      c174                             1  c93                              1 
    x301      c86                              1  c237                             1 
    x301      c252                             1  c65                              1 
    x301      c55                              1  c91                              1 
    x301      c78                              1  c69                              1 
    x301      Obj                             35  c286                             1 
    x301      c36                              1 
    x302      c141                             1  c271                             1 
    x302      c38                              1  c272                             1 
    x302      Obj                             41  c250                             1 
    x302      c92                              1  c70                              1 
    x302      c76                              1  c290                             1 
    x302      c52                              1  c227                             1 
    x302      c266                             1 
    x303      c121                             1  c282                             1 
    x303      c119                             1  c97                              1 
    x303      c74                              1  c118                             1 
    x303      c290                             1  c4                               1 
    x303      c133                             1  c158                             1 
    x303      c197                             1  c105                             1 
    x303      c68                              1  c54                              1 
    x303      c198                             1  c289                             1 
    x303      Obj                              3  c93                              1 
    x303      c78                              1  c202                             1 
    x304      Obj                             54  c187                             1 
    x304      c246                             1  c7                               1 
    x304      c280                             1  c191                             1 
    x304      c164                             1  c283                             1 
    x304      c179                             1  c62                              1 
    x304      c239                             1  c133                             1 
    x305      c230                             1  c131                             1 
    x305      c112                             1  c62                              1 
    x305      c36                              1  c50                              1 
    x305      c91                              1  c206                             1 
    x305      c279                             1  Obj                             81 
    x305      c202                             1  c124                             1 
    x305      c262                             1  c141                             1 
    x305      c167                             1  c297                             1 
    x305      c56                              1 
    x306      c132                             1  c278                             1 
    x306      c288                             1  c190                             1 
    x306      c240                             1  c118                             1 
    x306      c16                              1  c163                             1 
    x306      c259                             1  c100                             1 
    x306      c216                             1  c283                             1 
    x306      c129                             1  c95                              1 
    x306      c261                             1  c85                              1 
    x306      c96                              1  c189                             1 
    x306      Obj                             37  c128                             1 
    x306      c11                              1  c89                              1 
    x306      c197                             1  c199                             1 
    x307      c200                             1  c31                              1 
    x307      c180                             1  c297                             1 
    x307      c273                             1  c173                             1 
    x307      c160                             1  c209                             1 
    x307      c46                              1  c22                              1 
    x307      c49                              1  c60                              1 
    x307      c33                              1  c63                              1 
    x307      Obj                             22 
    x308      c297                             1  c173                             1 
    x308      c254                             1  c81                              1 
    x308      c138                             1  Obj                             11 
    x308      c33                              1  c139                             1 
    x308      c59                              1  c167                             1 
    x308      c115                             1  c93                              1 
    x309      c235                             1  c179                             1 
    x309      c37                              1  Obj                             18 
    x309      c130                             1  c207                             1 
    x309      c274                             1  c66                              1 
    x309      c58                              1  c199                             1 
    x309      c131                             1  c95                              1 
    x309      c50                              1 
    x310      c27                              1  c43                              1 
    x310      Obj                             84  c66                              1 
    x310      c160                             1  c35                              1 
    x310      c0                               1  c173                             1 
    x310      c30                              1  c177                             1 
    x310      c264                             1  c192                             1 
    x310      c281                             1  c295                             1 
    x310      c110                             1  c290                             1 
    x310      c129                             1  c235                             1 
    x311      c204                             1  c14                              1 
    x311      Obj                             33  c28                              1 
    x311      c244                             1  c159                             1 
    x311      c209                             1  c43                              1 
    x311      c34                              1  c40                              1 
    x311      c59                              1  c217                             1 
    x311      c7                               1  c187                             1 
    x311      c223                             1 
    x312      c131                             1  c238                             1 
    x312      c263                             1  c40                              1 
    x312      c93                              1  c181                             1 
    x312      c235                             1  c125                             1 
    x312      c38                              1  c44                              1 
    x312      c161                             1  c84                              1 
    x312      Obj                             53  c227                             1 
    x312      c245                             1  c119                             1 
    x312      c42                              1  c198                             1 
    x312      c147                             1  c257                             1 
    x313      c155                             1  c285                             1 
    x313      c237                             1  c153                             1 
    x313      Obj                             45  c169                             1 
    x313      c74                              1  c193                             1 
    x313      c133                             1  c272                             1 
    x313      c60                              1  c291                             1 
    x313      c97                              1  c52                              1 
    x313      c19                              1  c63                              1 
    x313      c271                             1 
    x314      c256                             1  c204                             1 
    x314      c58                              1  c37                              1 
    x314      c82                              1  c75                              1 
    x314      c217                             1  c6                               1 
    x314      c198                             1  Obj                             36 
    x314      c275                             1  c134                             1 
    x314      c179                             1  c72                              1 
    x314      c32                              1 
    x315      c73                              1  c102                             1 
    x315      c67                              1  c296                             1 
    x315      c263                             1  c171                             1 
    x315      c170                             1  c135                             1 
    x315      c71                              1  c226                             1 
    x315      c220                             1  c278                             1 
    x315      c282                             1  Obj                             23 
    x315      c260                             1  c31                              1 
    x316      c169                             1  c179                             1 
    x316      c206                             1  Obj                             43 
    x316      c123                             1  c16                              1 
    x316      c185                             1  c15                              1 
    x316      c154                             1  c188                             1 
    x316      c236                             1  c254                             1 
    x316      c112                             1  c244                             1 
    x316      c299                             1  c153                             1 
    x316      c36                              1  c115                             1 
    x317      c61                              1  c203                             1 
    x317      c212                             1  c291                             1 
    x317      c268                             1  c95                              1 
    x317      c97                              1  c254                             1 
    x317      c244                             1  c91                              1 
    x317      c204                             1  c172                             1 
    x317      c155                             1  Obj                             45 
    x318      c253                             1  c199                             1 
    x318      c177                             1  c138                             1 
    x318      c179                             1  c295                             1 
    x318      c41                              1  c220                             1 
    x318      c84                              1  c6                               1 
    x318      c16                              1  c97                              1 
    x318      c247                             1  c15                              1 
    x318      c215                             1  c112                             1 
    x318      Obj                             38 
    x319      c9                               1  c231                             1 
    x319      c186                             1  c130                             1 
    x319      Obj                             86  c67                              1 
    x319      c291                             1  c132                             1 
    x319      c55                              1  c15                              1 
    x319      c73                              1  c177                             1 
    x319      c125                             1  c288                             1 
    x319      c124                             1 
    x320      c205                             1  c89                              1 
    x320      c241                             1  c209                             1 
    x320      c66                              1  c149                             1 
    x320      Obj                             60  c247                             1 
    x320      c135                             1  c211                             1 
    x320      c207                             1  c178                             1 
    x320      c292                             1  c267                             1 
    x320      c255                             1  c189                             1 
    x320      c14                              1 
    x321      c52                              1  c193                             1 
    x321      c86                              1  c27                              1 
    x321      c98                              1  c171                             1 
    x321      c195                             1  c210                             1 
    x321      c146                             1  Obj                             84 
    x321      c160                             1  c123                             1 
    x321      c155                             1  c180                             1 
    x321      c281                             1  c83                              1 
    x321      c283                             1  c252                             1 
    x322      c277                             1  c232                             1 
    x322      c87                              1  c39                              1 
    x322      c283                             1  c258                             1 
    x322      c118                             1  Obj                             82 
    x322      c137                             1  c260                             1 
    x323      c243                             1  c242                             1 
    x323      c186                             1  c65                              1 
    x323      c170                             1  c53                              1 
    x323      c194                             1  c178                             1 
    x323      c230                             1  c293                             1 
    x323      c6                               1  c25                              1 
    x323      c44                              1  c124                             1 
    x323      c102                             1  Obj                             96 
    x323      c163                             1  c229                             1 
    x323      c115                             1 
    x324      c207                             1  c73                              1 
    x324      c138                             1  c84                              1 
    x324      c187                             1  c276                             1 
    x324      c163                             1  c42                              1 
    x324      c74                              1  c275                             1 
    x324      c156                             1  Obj                             60 
    x324      c289                             1  c19                              1 
    x324      c110                             1  c256                             1 
    x324      c278                             1  c69                              1 
    x325      c226                             1  c154                             1 
    x325      c66                              1  c164                             1 
    x325      c119                             1  c152                             1 
    x325      c14                              1  c211                             1 
    x325      c30                              1  c270                             1 
    x325      c4                               1  c91                              1 
    x325      c160                             1  Obj                             89 
    x325      c114                             1  c136                             1 
    x325      c173                             1  c249                             1 
    x325      c283                             1  c25                              1 
    x326      c173                             1  Obj                             57 
    x326      c62                              1  c51                              1 
    x326      c63                              1  c1                               1 
    x326      c124                             1  c108                             1 
    x326      c269                             1  c297                             1 
    x326      c238                             1  c208                             1 
    x326      c92                              1  c165                             1 
    x326      c241                             1  c4                               1 
    x327      c165                             1  c151                             1 
    x327      c46                              1  c131                             1 
    x327      c188                             1  c38                              1 
    x327      Obj                             94  c247                             1 
    x327      c32                              1  c109                             1 
    x327      c163                             1  c290                             1 
    x327      c57                              1 
    x328      c32                              1  c230                             1 
    x328      c261                             1  c11                              1 
    x328      c213                             1  c259                             1 
    x328      c61                              1  c189                             1 
    x328      c40                              1  c90                              1 
    x328      c112                             1  Obj                             34 
    x328      c8                               1  c50                              1 
    x329      c213                             1  c111                             1 
    x329      c257                             1  c175                             1 
    x329      c219                             1  c63                              1 
    x329      c272                             1  c12                              1 
    x329      c8                               1  c174                             1 
    x329      c162                             1  c131                             1 
    x329      c156                             1  Obj                             50 
    x329      c39                              1  c74                              1 
    x330      c1                               1  c128                             1 
    x330      c161                             1  c223                             1 
    x330      c234                             1  Obj                            100 
    x330      c100                             1  c264                             1 
    x330      c17                              1  c58                              1 
    x330      c108                             1  c272                             1 
    x330      c296                             1  c135                             1 
    x330      c162                             1  c125                             1 
    x330      c218                             1 
    x331      c171                             1  c239                             1 
    x331      c152                             1  c36                              1 
    x331      c291                             1  c4                               1 
    x331      c25                              1  Obj                             10 
    x331      c237                             1  c91                              1 
    x331      c54                              1  c270                             1 
    x331      c92                              1  c134                             1 
    x331      c2                               1  c191                             1 
    x332      Obj                             54  c126                             1 
    x332      c275                             1  c183                             1 
    x332      c142                             1  c229                             1 
    x332      c242                             1  c195                             1 
    x332      c264                             1  c38                              1 
    x332      c247                             1  c286                             1 
    x332      c107                             1  c149                             1 
    x332      c46                              1  c151                             1 
    x332      c188                             1 
    x333      c12                              1  c24                              1 
    x333      c0                               1  c232                             1 
    x333      c19                              1  c219                             1 
    x333      c211                             1  c209                             1 
    x333      c43                              1  c259                             1 
    x333      c47                              1  Obj                             30 
    x333      c173                             1  c135                             1 
    x333      c54                              1  c166                             1 
    x333      c283                             1 
    x334      c183                             1  c73                              1 
    x334      c58                              1  c243                             1 
    x334      c158                             1  c283                             1 
    x334      c213                             1  c206                             1 
    x334      c216                             1  c43                              1 
    x334      Obj                             39  c266                             1 
    x334      c197                             1  c202                             1 
    x334      c273                             1  c114                             1 
    x335      c24                              1  c207                             1 
    x335      c79                              1  c83                              1 
    x335      c208                             1  c63                              1 
    x335      Obj                             99  c125                             1 
    x335      c204                             1  c259                             1 
    x335      c141                             1  c124                             1 
    x335      c39                              1  c120                             1 
    x335      c233                             1  c99                              1 
    x335      c239                             1  c238                             1 
    x335      c21                              1 
    x336      c280                             1  c222                             1 
    x336      Obj                             88  c277                             1 
    x336      c79                              1  c221                             1 
    x336      c69                              1  c257                             1 
    x336      c91                              1  c184                             1 
    x336      c295                             1  c11                              1 
    x336      c155                             1  c239                             1 
    x336      c48                              1  c21                              1 
    x336      c0                               1 
    x337      c198                             1  c214                             1 
    x337      c90                              1  c97                              1 
    x337      Obj                             45  c164                             1 
    x337      c179                             1  c223                             1 
    x337      c4                               1  c261                             1 
    x337      c121                             1  c41                              1 
    x337      c63                              1  c185                             1 
    x337      c17                              1  c137                             1 
    x337      c217                             1  c132                             1 
    x337      c129                             1  c281                             1 
    x338      c68                              1  c299                             1 
    x338      Obj                             29  c237                             1 
    x338      c28                              1  c20                              1 
    x338      c163                             1  c133                             1 
    x338      c139                             1  c63                              1 
    x338      c227                             1  c121                             1 
    x338      c274                             1  c192                             1 
    x338      c159                             1  c84                              1 
    x338      c186                             1  c75                              1 
    x339      c88                              1  c77                              1 
    x339      c120                             1  Obj                             25 
    x339      c187                             1  c19                              1 
    x339      c226                             1  c49                              1 
    x339      c297                             1 
    x340      c297                             1  c87                              1 
    x340      c284                             1  c102                             1 
    x340      c221                             1  c180                             1 
    x340      c88                              1  c108                             1 
    x340      c12                              1  c237                             1 
    x340      c198                             1  c282                             1 
    x340      c173                             1  c218                             1 
    x340      c229                             1  Obj                             88 
    x340      c9                               1 
    x341      c191                             1  c168                             1 
    x341      c219                             1  c97                              1 
    x341      c280                             1  Obj                             44 
    x341      c272                             1  c83                              1 
    x341      c230                             1  c3                               1 
    x341      c227                             1  c150                             1 
    x341      c50                              1  c21                              1 
    x341      c234                             1 
    x342      c218                             1  c84                              1 
    x342      c132                             1  c107                             1 
    x342      c209                             1  c257                             1 
    x342      c185                             1  c169                             1 
    x342      c0                               1  c152                             1 
    x342      Obj                             90  c179                             1 
    x342      c143                             1  c214                             1 
    x342      c36                              1  c141                             1 
    x342      c229                             1  c208                             1 
    x342      c203                             1 
    x343      c204                             1  Obj                             71 
    x343      c189                             1  c79                              1 
    x343      c181                             1  c115                             1 
    x343      c105                             1  c173                             1 
    x343      c41                              1  c72                              1 
    x343      c8                               1  c67                              1 
    x344      c14                              1  c53                              1 
    x344      c24                              1  c284                             1 
    x344      c98                              1  c188                             1 
    x344      Obj                             29  c3                               1 
    x344      c224                             1  c117                             1 
    x344      c156                             1  c92                              1 
    x345      c191                             1  c46                              1 
    x345      c26                              1  c1                               1 
    x345      Obj                             36  c260                             1 
    x345      c163                             1  c173                             1 
    x345      c47                              1  c259                             1 
    x346      c216                             1  c246                             1 
    x346      c288                             1  c52                              1 
    x346      Obj                             69  c25                              1 
    x346      c166                             1  c280                             1 
    x346      c151                             1  c283                             1 
    x346      c139                             1  c227                             1 
    x347      c59                              1  c112                             1 
    x347      c170                             1  c165                             1 
    x347      c7                               1  c136                             1 
    x347      c200                             1  c153                             1 
    x347      c71                              1  c291                             1 
    x347      Obj                              4  c96                              1 
    x347      c241                             1  c105                             1 
    x347      c243                             1  c209                             1 
    x347      c184                             1  c187                             1 
    x347      c22                              1  c193                             1 
    x348      c104                             1  c248                             1 
    x348      c17                              1  Obj                              9 
    x348      c98                              1  c32                              1 
    x348      c66                              1  c80                              1 
    x348      c106                             1  c97                              1 
    x348      c219                             1  c185                             1 
    x348      c232                             1  c61                              1 
    x348      c257                             1 
    x349      c296                             1  c191                             1 
    x349      c114                             1  c44                              1 
    x349      c55                              1  c82                              1 
    x349      c269                             1  c152                             1 
    x349      c89                              1  Obj                             94 
    x349      c134                             1  c23                              1 
    x349      c127                             1  c31                              1 
    x349      c254                             1  c258                             1 
    x349      c88                              1  c279                             1 
    x349      c56                              1 
    x350      c64                              1  c257                             1 
    x350      c62                              1  c212                             1 
    x350      Obj                             31  c201                             1 
    x350      c111                             1  c195                             1 
    x350      c290                             1  c59                              1 
    x350      c53                              1  c260                             1 
    x350      c132                             1  c11                              1 
    x350      c70                              1  c296                             1 
    x351      c241                             1  c189                             1 
    x351      c198                             1  c55                              1 
    x351      c233                             1  c146                             1 
    x351      c202                             1  c271                             1 
    x351      c126                             1  c96                              1 
    x351      c47                              1  c169                             1 
    x351      c293                             1  c229                             1 
    x351      c138                             1  Obj                             78 
    x352      c17                              1  c65                              1 
    x352      c93                              1  c276                             1 
    x352      c42                              1  c15                              1 
    x352      Obj                             21  c95                              1 
    x352      c235                             1  c109                             1 
    x352      c74                              1  c100                             1 
    x352      c292                             1  c12                              1 
    x352      c54                              1  c76                              1 
    x352      c137                             1  c149                             1 
    x352      c293                             1  c104                             1 
    x352      c241                             1 
    x353      c133                             1  c25                              1 
    x353      c161                             1  c247                             1 
    x353      c119                             1  c131                             1 
    x353      c230                             1  c94                              1 
    x353      c213                             1  c259                             1 
    x353      c279                             1  c191                             1 
    x353      c69                              1  Obj                             36 
    x353      c172                             1 
    x354      c231                             1  c94                              1 
    x354      c131                             1  c65                              1 
    x354      Obj                             31  c52                              1 
    x354      c185                             1  c6                               1 
    x354      c142                             1  c268                             1 
    x354      c9                               1  c175                             1 
    x354      c30                              1  c202                             1 
    x354      c31                              1  c111                             1 
    x354      c169                             1 
    x355      c160                             1  c246                             1 
    x355      c156                             1  Obj                             50 
    x355      c14                              1  c193                             1 
    x355      c218                             1  c223                             1 
    x356      c207                             1  c288                             1 
    x356      c43                              1  c125                             1 
    x356      c246                             1  c72                              1 
    x356      c240                             1  c287                             1 
    x356      Obj                             48  c57                              1 
    x356      c130                             1  c190                             1 
    x356      c15                              1  c281                             1 
    x356      c114                             1  c141                             1 
    x356      c165                             1  c268                             1 
    x356      c158                             1 
    x357      c211                             1  c277                             1 
    x357      c132                             1  c158                             1 
    x357      c20                              1  c228                             1 
    x357      c134                             1  Obj                             30 
    x357      c218                             1  c192                             1 
    x357      c101                             1  c202                             1 
    x357      c72                              1  c266                             1 
    x357      c189                             1  c290                             1 
    x358      c218                             1  c142                             1 
    x358      c270                             1  c71                              1 
    x358      c144                             1  Obj                             17 
    x358      c30                              1  c272                             1 
    x358      c232                             1  c198                             1 
    x358      c68                              1  c80                              1 
    x358      c38                              1  c214                             1 
    x358      c154                             1  c119                             1 
    x358      c113                             1 
    x359      c255                             1  c58                              1 
    x359      c172                             1  c275                             1 
    x359      c140                             1  c233                             1 
    x359      c195                             1  c74                              1 
    x359      c274                             1  c236                             1 
    x359      c265                             1  c64                              1 
    x359      c219                             1  c202                             1 
    x359      Obj                             99  c80                              1 
    x359      c65                              1  c105                             1 
    x360      c32                              1  c119                             1 
    x360      c240                             1  c72                              1 
    x360      c147                             1  c47                              1 
    x360      c100                             1  Obj                            100 
    x360      c61                              1  c20                              1 
    x360      c228                             1  c193                             1 
    x360      c176                             1  c26                              1 
    x360      c234                             1  c201                             1 
    x360      c67                              1  c96                              1 
    x360      c130                             1  c78                              1 
    x360      c109                             1  c13                              1 
    x360      c212                             1 
    x361      c111                             1  c22                              1 
    x361      c264                             1  c26                              1 
    x361      c187                             1  c248                             1 
    x361      c205                             1  c246                             1 
    x361      Obj                             70  c233                             1 
    x361      c182                             1  c150                             1 
    x361      c75                              1  c214                             1 
    x361      c155                             1  c172                             1 
    x361      c252                             1  c134                             1 
    x361      c86                              1  c143                             1 
    x361      c62                              1 
    x362      c204                             1  c144                             1 
    x362      c71                              1  c16                              1 
    x362      c24                              1  c178                             1 
    x362      c66                              1  c126                             1 
    x362      c131                             1  c12                              1 
    x362      c76                              1  c199                             1 
    x362      c75                              1  Obj                             80 
    x362      c176                             1 
    x363      Obj                             93  c100                             1 
    x363      c60                              1  c248                             1 
    x363      c84                              1  c16                              1 
    x363      c30                              1  c201                             1 
    x363      c14                              1  c38                              1 
    x363      c127                             1  c226                             1 
    x363      c43                              1  c184                             1 
    x363      c65                              1  c258                             1 
    x364      c22                              1  c246                             1 
    x364      Obj                             53  c28                              1 
    x364      c117                             1  c189                             1 
    x364      c218                             1  c264                             1 
    x364      c36                              1  c138                             1 
    x364      c38                              1  c232                             1 
    x364      c115                             1  c198                             1 
    x364      c10                              1 
    x365      c72                              1  c183                             1 
    x365      c163                             1  c148                             1 
    x365      c103                             1  c110                             1 
    x365      c160                             1  c179                             1 
    x365      c201                             1  c137                             1 
    x365      c274                             1  c29                              1 
    x365      c58                              1  Obj                             14 
    x365      c68                              1  c141                             1 
    x365      c279                             1  c67                              1 
    x366      c0                               1  c218                             1 
    x366      c44                              1  c12                              1 
    x366      c286                             1  c209                             1 
    x366      c248                             1  c111                             1 
    x366      Obj                             37  c145                             1 
    x366      c269                             1  c251                             1 
    x366      c223                             1 
    x367      c248                             1  c7                               1 
    x367      c271                             1  c229                             1 
    x367      c6                               1  c268                             1 
    x367      c133                             1  c290                             1 
    x367      c13                              1  c177                             1 
    x367      c53                              1  c226                             1 
    x367      c237                             1  Obj                             76 
    x367      c99                              1  c262                             1 
    x367      c254                             1  c224                             1 
    x368      c145                             1  c192                             1 
    x368      c101                             1  Obj                             55 
    x368      c290                             1  c121                             1 
    x368      c111                             1  c293                             1 
    x368      c21                              1  c95                              1 
    x368      c277                             1  c55                              1 
    x368      c63                              1  c227                             1 
    x368      c284                             1 
    x369      c15                              1  c225                             1 
    x369      Obj                             53  c146                             1 
    x369      c245                             1  c211                             1 
    x369      c154                             1  c294                             1 
    x369      c163                             1  c256                             1 
    x369      c8                               1  c252                             1 
    x369      c203                             1  c44                              1 
    x369      c247                             1  c132                             1 
    x369      c231                             1 
    x370      c147                             1  c65                              1 
    x370      c213                             1  c87                              1 
    x370      c130                             1  c221                             1 
    x370      c227                             1  c225                             1 
    x370      c164                             1  c234                             1 
    x370      c77                              1  c110                             1 
    x370      c278                             1  Obj                             62 
    x370      c47                              1  c224                             1 
    x371      c37                              1  c182                             1 
    x371      c83                              1  c118                             1 
    x371      c237                             1  c299                             1 
    x371      c153                             1  c99                              1 
    x371      Obj                             93  c167                             1 
    x372      c195                             1  c151                             1 
    x372      c62                              1  c191                             1 
    x372      c250                             1  c16                              1 
    x372      c67                              1  c37                              1 
    x372      c81                              1  c189                             1 
    x372      c294                             1  Obj                             76 
    x372      c209                             1 
    x373      c145                             1  c69                              1 
    x373      c224                             1  c265                             1 
    x373      c81                              1  Obj                             30 
    x373      c115                             1  c133                             1 
    x373      c74                              1  c237                             1 
    x373      c291                             1  c28                              1 
    x374      c7                               1  c129                             1 
    x374      c0                               1  c68                              1 
    x374      c171                             1  c246                             1 
    x374      c178                             1  c215                             1 
    x374      c223                             1  c107                             1 
    x374      c66                              1  c123                             1 
    x374      c72                              1  c267                             1 
    x374      c160                             1  c189                             1 
    x374      c194                             1  c284                             1 
    x374      Obj                             40 
    x375      c161                             1  c255                             1 
    x375      Obj                             78  c35                              1 
    x375      c266                             1  c116                             1 
    x375      c119                             1  c234                             1 
    x375      c59                              1  c242                             1 
    x375      c248                             1  c91                              1 
    x376      c27                              1  c20                              1 
    x376      c293                             1  c77                              1 
    x376      c44                              1  c93                              1 
    x376      c150                             1  c148                             1 
    x376      c231                             1  c15                              1 
    x376      Obj                             57  c155                             1 
    x376      c253                             1  c99                              1 
    x376      c69                              1 
    x377      c59                              1  c30                              1 
    x377      c40                              1  c232                             1 
    x377      c247                             1  c55                              1 
    x377      c49                              1  c18                              1 
    x377      c174                             1  c124                             1 
    x377      c267                             1  Obj                             88 
    x377      c225                             1  c91                              1 
    x377      c228                             1  c72                              1 
    x378      c142                             1  c174                             1 
    x378      Obj                             41  c154                             1 
    x378      c92                              1  c145                             1 
    x378      c122                             1  c61                              1 
    x378      c141                             1  c23                              1 
    x378      c232                             1  c124                             1 
    x378      c57                              1  c22                              1 
    x378      c114                             1  c75                              1 
    x379      c269                             1  c126                             1 
    x379      c166                             1  c201                             1 
    x379      c60                              1  c271                             1 
    x379      c12                              1  c158                             1 
    x379      c56                              1  c71                              1 
    x379      c44                              1  c203                             1 
    x379      c110                             1  c90                              1 
    x379      c117                             1  c161                             1 
    x379      Obj                             42 
    x380      c171                             1  c118                             1 
    x380      c252                             1  c65                              1 
    x380      Obj                             16  c151                             1 
    x380      c227                             1  c127                             1 
    x380      c247                             1  c120                             1 
    x380      c143                             1  c121                             1 
    x380      c24                              1  c137                             1 
    x380      c157                             1  c150                             1 
    x380      c187                             1  c130                             1 
    x380      c86                              1 
    x381      c178                             1  c218                             1 
    x381      c97                              1  c116                             1 
    x381      c61                              1  c103                             1 
    x381      Obj                             24  c192                             1 
    x381      c90                              1  c256                             1 
    x381      c238                             1  c105                             1 
    x381      c235                             1 
    x382      c113                             1  c283                             1 
    x382      c134                             1  c100                             1 
    x382      c33                              1  c299                             1 
    x382      c154                             1  c38                              1 
    x382      c167                             1  Obj                             83 
    x382      c84                              1  c112                             1 
    x382      c94                              1  c293                             1 
    x382      c125                             1  c21                              1 
    x382      c264                             1 
    x383      c61                              1  c151                             1 
    x383      c295                             1  c87                              1 
    x383      c85                              1  c93                              1 
    x383      Obj                              7  c296                             1 
    x383      c115                             1  c193                             1 
    x383      c226                             1  c273                             1 
    x383      c221                             1  c77                              1 
    x383      c299                             1  c177                             1 
    x383      c266                             1  c204                             1 
    x383      c252                             1  c173                             1 
    x383      c230                             1 
    x384      c253                             1  c223                             1 
    x384      c21                              1  c8                               1 
    x384      c145                             1  c5                               1 
    x384      c2                               1  c254                             1 
    x384      c229                             1  c41                              1 
    x384      c140                             1  c163                             1 
    x384      c123                             1  c161                             1 
    x384      c106                             1  c90                              1 
    x384      Obj                              4  c193                             1 
    x384      c104                             1 
    x385      c259                             1  c215                             1 
    x385      c59                              1  c21                              1 
    x385      c144                             1  c197                             1 
    x385      c234                             1  c137                             1 
    x385      c33                              1  c270                             1 
    x385      c162                             1  Obj                             42 
    x385      c44                              1  c90                              1 
    x385      c68                              1 
    x386      c131                             1  c179                             1 
    x386      c75                              1  Obj                             10 
    x386      c256                             1  c259                             1 
    x386      c64                              1  c270                             1 
    x386      c22                              1  c137                             1 
    x386      c278                             1  c0                               1 
    x386      c203                             1  c170                             1 
    x386      c247                             1  c186                             1 
    x386      c275                             1  c25                              1 
    x386      c239                             1 
    x387      c172                             1  c158                             1 
    x387      c149                             1  c99                              1 
    x387      c1                               1  c174                             1 
    x387      c140                             1  c144                             1 
    x387      c2                               1  c157                             1 
    x387      c167                             1  c40                              1 
    x387      c286                             1  c76                              1 
    x387      Obj                             15  c269                             1 
    x388      c201                             1  c237                             1 
    x388      c9                               1  c57                              1 
    x388      c159                             1  c241                             1 
    x388      c95                              1  c66                              1 
    x388      Obj                             58  c70                              1 
    x388      c149                             1  c31                              1 
    x388      c30                              1 
    x389      c27                              1  c214                             1 
    x389      c121                             1  c198                             1 
    x389      c253                             1  c295                             1 
    x389      Obj                             38  c106                             1 
    x389      c230                             1  c202                             1 
    x389      c123                             1  c40                              1 
    x389      c148                             1  c46                              1 
    x389      c144                             1  c258                             1 
    x389      c61                              1  c287                             1 
    x389      c136                             1  c82                              1 
    x389      c250                             1  c176                             1 
    x390      c203                             1  c67                              1 
    x390      c17                              1  c33                              1 
    x390      c74                              1  c235                             1 
    x390      c266                             1  Obj                             87 
    x390      c125                             1  c0                               1 
    x390      c184                             1  c130                             1 
    x390      c140                             1  c233                             1 
    x390      c38                              1 
    x391      c12                              1  c99                              1 
    x391      c259                             1  c219                             1 
    x391      c210                             1  c69                              1 
    x391      c179                             1  c186                             1 
    x391      c187                             1  c29                              1 
    x391      Obj                             28  c39                              1 
    x391      c118                             1  c250                             1 
    x391      c153                             1  c2                               1 
    x391      c258                             1  c182                             1 
    x391      c8                               1  c132                             1 
    x391      c237                             1  c27                              1 
    x392      c57                              1  Obj                             92 
    x392      c212                             1  c102                             1 
    x392      c280                             1  c205                             1 
    x392      c127                             1  c243                             1 
    x392      c195                             1  c89                              1 
    x392      c111                             1  c80                              1 
    x392      c53                              1  c263                             1 
    x392      c297                             1  c24                              1 
    x393      c48                              1  c8                               1 
    x393      c91                              1  c263                             1 
    x393      c237                             1  c240                             1 
    x393      c161                             1  c2                               1 
    x393      c14                              1  c62                              1 
    x393      Obj                             68  c26                              1 
    x393      c167                             1  c162                             1 
    x393      c105                             1  c33                              1 
    x393      c42                              1  c89                              1 
    x393      c68                              1  c116                             1 
    x393      c183                             1  c238                             1 
    x393      c239                             1  c22                              1 
    x393      c255                             1 
    x394      c103                             1  c212                             1 
    x394      c32                              1  c81                              1 
    x394      c275                             1  c195                             1 
    x394      c269                             1  c284                             1 
    x394      c74                              1  Obj                             24 
    x394      c271                             1  c233                             1 
    x394      c1                               1  c248                             1 
    x395      c117                             1  c14                              1 
    x395      c252                             1  c34                              1 
    x395      c286                             1  Obj                             73 
    x395      c108                             1  c86                              1 
    x395      c290                             1  c187                             1 
    x395      c124                             1  c283                             1 
    x395      c10                              1  c284                             1 
    x396      c193                             1  c243                             1 
    x396      c241                             1  c32                              1 
    x396      c5                               1  c91                              1 
    x396      c136                             1  c121                             1 
    x396      c63                              1  c249                             1 
    x396      c159                             1  c259                             1 
    x396      c0                               1  c134                             1 
    x396      Obj                             64  c115                             1 
    x397      c168                             1  c193                             1 
    x397      c222                             1  c211                             1 
    x397      c53                              1  c293                             1 
    x397      c83                              1  c49                              1 
    x397      c64                              1  c259                             1 
    x397      c84                              1  c69                              1 
    x397      Obj                             95  c269                             1 
    x397      c47                              1  c237                             1 
    x397      c217                             1  c216                             1 
    x397      c36                              1 
    x398      c263                             1  c27                              1 
    x398      c277                             1  c271                             1 
    x398      c254                             1  c50                              1 
    x398      c137                             1  c245                             1 
    x398      c211                             1  c124                             1 
    x398      c273                             1  Obj                             15 
    x398      c175                             1  c105                             1 
    x399      c121                             1  c240                             1 
    x399      c18                              1  c22                              1 
    x399      c31                              1  c80                              1 
    x399      c204                             1  Obj                              8 
    x399      c30                              1  c151                             1 
    x400      c274                             1  Obj                             38 
    x400      c264                             1  c99                              1 
    x400      c174                             1  c131                             1 
    x400      c116                             1  c61                              1 
    x400      c55                              1  c270                             1 
    x400      c139                             1  c276                             1 
    x400      c135                             1  c257                             1 
    x400      c215                             1  c24                              1 
    x400      c229                             1 
    x401      c65                              1  Obj                             83 
    x401      c90                              1  c267                             1 
    x401      c279                             1  c165                             1 
    x401      c225                             1  c31                              1 
    x401      c186                             1  c39                              1 
    x401      c272                             1  c242                             1 
    x401      c113                             1  c156                             1 
    x401      c103                             1  c155                             1 
    x401      c74                              1 
    x402      c32                              1  c22                              1 
    x402      c246                             1  c294                             1 
    x402      c39                              1  c162                             1 
    x402      c199                             1  c76                              1 
    x402      c104                             1  c146                             1 
    x402      c173                             1  c259                             1 
    x402      Obj                             27  c103                             1 
    x402      c271                             1 
    x403      c223                             1  c64                              1 
    x403      c202                             1  c65                              1 
    x403      c124                             1  Obj                             51 
    x403      c20                              1  c84                              1 
    x403      c3                               1  c87                              1 
    x403      c262                             1  c40                              1 
    x403      c158                             1 
    x404      c234                             1  Obj                             24 
    x404      c132                             1  c284                             1 
    x404      c259                             1  c277                             1 
    x404      c264                             1  c2                               1 
    x404      c46                              1  c260                             1 
    x404      c36                              1  c35                              1 
    x404      c183                             1  c147                             1 
    x404      c72                              1  c190                             1 
    x404      c119                             1  c9                               1 
    x405      c130                             1  c126                             1 
    x405      c260                             1  c178                             1 
    x405      c141                             1  c223                             1 
    x405      c92                              1  c248                             1 
    x405      c172                             1  c283                             1 
    x405      c21                              1  c245                             1 
    x405      c268                             1  c242                             1 
    x405      c227                             1  c234                             1 
    x405      Obj                             75  c153                             1 
    x406      c112                             1  c17                              1 
    x406      c117                             1  c69                              1 
    x406      c149                             1  c200                             1 
    x406      c39                              1  c129                             1 
    x406      Obj                             78 
    x407      c29                              1  c96                              1 
    x407      c151                             1  c91                              1 
    x407      c143                             1  c14                              1 
    x407      c127                             1  c183                             1 
    x407      c160                             1  c248                             1 
    x407      Obj                             56  c171                             1 
    x407      c237                             1  c86                              1 
    x407      c214                             1  c289                             1 
    x407      c173                             1  c192                             1 
    x408      c150                             1  c102                             1 
    x408      c113                             1  c247                             1 
    x408      c128                             1  c126                             1 
    x408      c138                             1  c58                              1 
    x408      c49                              1  c53                              1 
    x408      c84                              1  c207                             1 
    x408      c226                             1  c234                             1 
    x408      Obj                             15  c184                             1 
    x408      c269                             1  c47                              1 
    x408      c65                              1  c153                             1 
    x408      c146                             1  c116                             1 
    x408      c39                              1  c104                             1 
    x408      c89                              1  c1                               1 
    x408      c185                             1  c220                             1 
    x408      c54                              1 
    x409      c284                             1  c193                             1 
    x409      c229                             1  c22                              1 
    x409      c131                             1  c215                             1 
    x409      c80                              1  c200                             1 
    x409      c252                             1  Obj                              2 
    x409      c218                             1  c64                              1 
    x409      c21                              1  c224                             1 
    x409      c261                             1  c51                              1 
    x410      Obj                             54  c267                             1 
    x410      c25                              1  c140                             1 
    x410      c211                             1  c173                             1 
    x410      c299                             1  c235                             1 
    x410      c175                             1  c271                             1 
    x410      c288                             1  c170                             1 
    x410      c90                              1  c135                             1 
    x410      c227                             1  c91                              1 
    x410      c258                             1 
    x411      c50                              1  Obj                             39 
    x411      c125                             1  c236                             1 
    x411      c181                             1  c296                             1 
    x411      c96                              1  c27                              1 
    x411      c153                             1  c53                              1 
    x411      c46                              1  c207                             1 
    x411      c156                             1  c147                             1 
    x412      c147                             1  c212                             1 
    x412      c226                             1  c81                              1 
    x412      c128                             1  c199                             1 
    x412      c5                               1  c220                             1 
    x412      c135                             1  c30                              1 
    x412      c109                             1  c247                             1 
    x412      Obj                             26  c105                             1 
    x413      c125                             1  c58                              1 
    x413      c44                              1  Obj                             85 
    x413      c37                              1  c105                             1 
    x413      c205                             1  c213                             1 
    x413      c200                             1  c179                             1 
    x413      c161                             1  c181                             1 
    x413      c248                             1  c124                             1 
    x413      c43                              1  c176                             1 
    x413      c209                             1 
    x414      c266                             1  c221                             1 
    x414      c236                             1  c14                              1 
    x414      c51                              1  c242                             1 
    x414      c122                             1  c281                             1 
    x414      c97                              1  c43                              1 
    x414      c139                             1  c203                             1 
    x414      Obj                             13 
    x415      c73                              1  c152                             1 
    x415      Obj                             76  c101                             1 
    x415      c228                             1  c138                             1 
    x415      c32                              1  c23                              1 
    x415      c149                             1  c60                              1 
    x415      c172                             1  c66                              1 
    x415      c255                             1  c171                             1 
    x415      c205                             1  c263                             1 
    x415      c297                             1 
    x416      c14                              1  Obj                             85 
    x416      c9                               1  c228                             1 
    x416      c217                             1  c256                             1 
    x416      c15                              1  c273                             1 
    x416      c190                             1  c76                              1 
    x416      c204                             1  c218                             1 
    x416      c128                             1 
    x417      c123                             1  Obj                             29 
    x417      c235                             1  c139                             1 
    x417      c86                              1  c58                              1 
    x417      c195                             1  c211                             1 
    x417      c149                             1  c85                              1 
    x417      c0                               1  c238                             1 
    x417      c171                             1  c103                             1 
    x418      c67                              1  c205                             1 
    x418      c78                              1  c206                             1 
    x418      c225                             1  c22                              1 
    x418      c134                             1  c260                             1 
    x418      c26                              1  c196                             1 
    x418      c159                             1  c236                             1 
    x418      c243                             1  c21                              1 
    x418      c59                              1  c142                             1 
    x418      c54                              1  Obj                            100 
    x419      c270                             1  c166                             1 
    x419      c178                             1  c242                             1 
    x419      c228                             1  c159                             1 
    x419      c217                             1  c223                             1 
    x419      c265                             1  c58                              1 
    x419      Obj                             32  c118                             1 
    x419      c160                             1  c297                             1 
    x419      c203                             1  c175                             1 
    x419      c15                              1  c116                             1 
    x419      c172                             1 
    x420      c272                             1  c83                              1 
    x420      c275                             1  c53                              1 
    x420      c12                              1  c132                             1 
    x420      c7                               1  c274                             1 
    x420      c64                              1  Obj                             77 
    x420      c150                             1  c209                             1 
    x420      c47                              1 
    x421      c159                             1  c286                             1 
    x421      c26                              1  Obj                             38 
    x421      c40                              1  c268                             1 
    x421      c28                              1  c39                              1 
    x421      c3                               1  c155                             1 
    x421      c36                              1  c2                               1 
    x421      c89                              1  c34                              1 
    x421      c56                              1  c284                             1 
    x421      c184                             1  c24                              1 
    x422      c193                             1  c198                             1 
    x422      c128                             1  c289                             1 
    x422      c299                             1  Obj                             85 
    x422      c195                             1  c261                             1 
    x422      c21                              1  c28                              1 
    x422      c25                              1  c22                              1 
    x422      c148                             1  c122                             1 
    x422      c202                             1  c181                             1 
    x422      c259                             1  c57                              1 
    x422      c18                              1 
    x423      c126                             1  c138                             1 
    x423      c98                              1  c247                             1 
    x423      c107                             1  c14                              1 
    x423      c205                             1  c37                              1 
    x423      Obj                             13  c204                             1 
    x423      c181                             1  c258                             1 
    x423      c16                              1  c56                              1 
    x423      c278                             1  c221                             1 
    x423      c13                              1  c100                             1 
    x424      c169                             1  c71                              1 
    x424      c195                             1  c149                             1 
    x424      c69                              1  c127                             1 
    x424      c83                              1  c294                             1 
    x424      c233                             1  c58                              1 
    x424      c113                             1  Obj                             54 
    x424      c252                             1  c174                             1 
    x424      c151                             1  c299                             1 
    x425      c187                             1  c261                             1 
    x425      c259                             1  Obj                              7 
    x425      c37                              1  c254                             1 
    x425      c28                              1  c41                              1 
    x425      c183                             1 
    x426      c97                              1  c39                              1 
    x426      c117                             1  c187                             1 
    x426      c201                             1  c167                             1 
    x426      c239                             1  c244                             1 
    x426      Obj                              2  c211                             1 
    x426      c121                             1 
    x427      c126                             1  c21                              1 
    x427      c32                              1  c183                             1 
    x427      c116                             1  c74                              1 
    x427      c130                             1  c222                             1 
    x427      c275                             1  Obj                             99 
    x427      c179                             1  c180                             1 
    x427      c259                             1  c14                              1 
    x427      c205                             1 
    x428      c56                              1  c137                             1 
    x428      c25                              1  c64                              1 
    x428      c112                             1  c109                             1 
    x428      c179                             1  c144                             1 
    x428      c18                              1  c60                              1 
    x428      c135                             1  c43                              1 
    x428      c193                             1  Obj                             90 
    x428      c234                             1  c73                              1 
    x429      c117                             1  c3                               1 
    x429      c116                             1  c111                             1 
    x429      c246                             1  c283                             1 
    x429      c269                             1  c102                             1 
    x429      c232                             1  c187                             1 
    x429      c50                              1  Obj                             55 
    x429      c137                             1  c48                              1 
    x429      c91                              1 
    x430      c232                             1  c58                              1 
    x430      Obj                             46  c291                             1 
    x430      c11                              1  c46                              1 
    x430      c16                              1  c194                             1 
    x430      c35                              1  c290                             1 
    x430      c28                              1  c236                             1 
    x430      c217                             1  c192                             1 
    x430      c133                             1 
    x431      c291                             1  c2                               1 
    x431      c100                             1  c213                             1 
    x431      Obj                             64  c272                             1 
    x431      c22                              1  c52                              1 
    x431      c159                             1  c30                              1 
    x431      c134                             1  c224                             1 
    x431      c197                             1  c228                             1 
    x431      c261                             1 
    x432      c34                              1  c145                             1 
    x432      c276                             1  c140                             1 
    x432      c181                             1  c83                              1 
    x432      c148                             1  c258                             1 
    x432      c290                             1  c61                              1 
    x432      c281                             1  c86                              1 
    x432      c46                              1  Obj                              9 
    x432      c124                             1  c213                             1 
    x433      c72                              1  c176                             1 
    x433      c200                             1  c226                             1 
    x433      c261                             1  Obj                             22 
    x433      c164                             1  c130                             1 
    x433      c63                              1  c173                             1 
    x433      c103                             1  c219                             1 
    x433      c257                             1  c46                              1 
    x434      c288                             1  c294                             1 
    x434      c54                              1  Obj                             20 
    x434      c125                             1  c24                              1 
    x434      c106                             1  c279                             1 
    x434      c227                             1  c32                              1 
    x434      c1                               1  c228                             1 
    x434      c112                             1  c63                              1 
    x434      c248                             1  c256                             1 
    x435      Obj                              7  c287                             1 
    x435      c7                               1  c94                              1 
    x435      c203                             1  c192                             1 
    x435      c90                              1  c210                             1 
    x435      c69                              1  c233                             1 
    x435      c136                             1  c217                             1 
    x435      c167                             1 
    x436      c85                              1  c248                             1 
    x436      c195                             1  c297                             1 
    x436      c140                             1  c274                             1 
    x436      c64                              1  Obj                             71 
    x436      c99                              1  c42                              1 
    x436      c105                             1  c109                             1 
    x436      c264                             1  c95                              1 
    x436      c136                             1 
    x437      c184                             1  c24                              1 
    x437      c239                             1  c286                             1 
    x437      c146                             1  c174                             1 
    x437      c229                             1  Obj                             72 
    x437      c187                             1  c71                              1 
    x437      c149                             1  c55                              1 
    x437      c29                              1  c260                             1 
    x437      c8                               1  c92                              1 
    x437      c168                             1  c131                             1 
    x438      c149                             1  c237                             1 
    x438      c231                             1  c193                             1 
    x438      c277                             1  c207                             1 
    x438      c256                             1  c259                             1 
    x438      c217                             1  Obj                             63 
    x438      c236                             1  c35                              1 
    x439      c222                             1  c105                             1 
    x439      c122                             1  c61                              1 
    x439      c176                             1  c147                             1 
    x439      c216                             1  c230                             1 
    x439      c145                             1  c117                             1 
    x439      c53                              1  c265                             1 
    x439      c246                             1  c23                              1 
    x439      c36                              1  c289                             1 
    x439      c293                             1  c243                             1 
    x439      Obj                             91  c157                             1 
    x439      c169                             1  c129                             1 
    x439      c133                             1 
    x440      c284                             1  c237                             1 
    x440      c278                             1  c244                             1 
    x440      c216                             1  c189                             1 
    x440      c65                              1  c36                              1 
    x440      Obj                              4  c178                             1 
    x440      c124                             1  c225                             1 
    x440      c149                             1  c219                             1 
    x440      c132                             1  c217                             1 
    x440      c33                              1  c227                             1 
    x440      c192                             1  c137                             1 
    x441      c230                             1  c51                              1 
    x441      c114                             1  c44                              1 
    x441      c148                             1  c242                             1 
    x441      c222                             1  c71                              1 
    x441      c125                             1  c138                             1 
    x441      c19                              1  c55                              1 
    x441      c96                              1  Obj                             88 
    x441      c153                             1  c149                             1 
    x442      c232                             1  c269                             1 
    x442      c98                              1  c130                             1 
    x442      c33                              1  c60                              1 
    x442      c253                             1  c136                             1 
    x442      Obj                             67  c66                              1 
    x442      c139                             1  c245                             1 
    x442      c188                             1  c134                             1 
    x442      c265                             1  c205                             1 
    x442      c175                             1 
    x443      c126                             1  c55                              1 
    x443      Obj                             97  c94                              1 
    x443      c59                              1  c182                             1 
    x443      c134                             1  c133                             1 
    x443      c104                             1  c199                             1 
    x443      c177                             1  c267                             1 
    x443      c136                             1 
    x444      c29                              1  c245                             1 
    x444      c7                               1  c190                             1 
    x444      c259                             1  c215                             1 
    x444      c153                             1  c57                              1 
    x444      c108                             1  c285                             1 
    x444      c126                             1  c260                             1 
    x444      c223                             1  Obj                            100 
    x444      c24                              1  c186                             1 
    x444      c165                             1  c52                              1 
    x444      c58                              1  c131                             1 
    x444      c9                               1  c237                             1 
    x445      c230                             1  c205                             1 
    x445      c270                             1  c78                              1 
    x445      c86                              1  Obj                             75 
    x445      c108                             1  c248                             1 
    x445      c120                             1  c269                             1 
    x445      c284                             1  c175                             1 
    x445      c129                             1  c210                             1 
    x445      c212                             1  c80                              1 
    x445      c149                             1  c144                             1 
    x445      c0                               1 
    x446      c249                             1  c147                             1 
    x446      c117                             1  c241                             1 
    x446      c258                             1  c36                              1 
    x446      c284                             1  c287                             1 
    x446      c185                             1  Obj                             71 
    x447      c113                             1  c93                              1 
    x447      c120                             1  c191                             1 
    x447      c49                              1  Obj                             16 
    x447      c269                             1  c232                             1 
    x447      c85                              1  c95                              1 
    x447      c242                             1  c52                              1 
    x447      c103                             1 
    x448      c251                             1  c148                             1 
    x448      c248                             1  c273                             1 
    x448      c27                              1  Obj                             65 
    x448      c216                             1 
    x449      c138                             1  c94                              1 
    x449      c232                             1  c233                             1 
    x449      c217                             1  c58                              1 
    x449      c140                             1  c60                              1 
    x449      c194                             1  Obj                             20 
    x449      c134                             1  c43                              1 
    x449      c23                              1  c288                             1 
    x449      c161                             1  c54                              1 
    x449      c263                             1 
    x450      c23                              1  c165                             1 
    x450      c279                             1  c213                             1 
    x450      c187                             1  c131                             1 
    x450      c177                             1  c64                              1 
    x450      c203                             1  Obj                             97 
    x450      c210                             1  c296                             1 
    x450      c9                               1 
    x451      c207                             1  c146                             1 
    x451      c64                              1  c213                             1 
    x451      Obj                             19  c189                             1 
    x451      c236                             1  c216                             1 
    x451      c218                             1  c204                             1 
    x451      c255                             1  c282                             1 
    x451      c249                             1  c217                             1 
    x452      c272                             1  c261                             1 
    x452      c90                              1  c186                             1 
    x452      Obj                             78  c202                             1 
    x452      c100                             1  c235                             1 
    x452      c193                             1  c18                              1 
    x452      c57                              1  c294                             1 
    x452      c207                             1  c263                             1 
    x452      c39                              1  c83                              1 
    x452      c84                              1 
    x453      Obj                             49  c50                              1 
    x453      c286                             1  c19                              1 
    x453      c29                              1  c131                             1 
    x453      c176                             1  c128                             1 
    x453      c45                              1  c219                             1 
    x453      c46                              1  c249                             1 
    x454      c31                              1  c19                              1 
    x454      c122                             1  c232                             1 
    x454      c29                              1  c277                             1 
    x454      c160                             1  c118                             1 
    x454      c293                             1  Obj                              9 
    x454      c50                              1  c252                             1 
    x454      c238                             1 
    x455      c81                              1  c28                              1 
    x455      c99                              1  c65                              1 
    x455      c120                             1  c276                             1 
    x455      c54                              1  c48                              1 
    x455      c106                             1  c25                              1 
    x455      c211                             1  c249                             1 
    x455      c77                              1  Obj                             85 
    x455      c160                             1 
    x456      c253                             1  c87                              1 
    x456      c226                             1  c16                              1 
    x456      c259                             1  c88                              1 
    x456      c158                             1  c85                              1 
    x456      c146                             1  c6                               1 
    x456      c133                             1  c299                             1 
    x456      c104                             1  Obj                              6 
    x456      c97                              1 
    x457      Obj                             14  c115                             1 
    x457      c192                             1  c149                             1 
    x457      c71                              1  c102                             1 
    x457      c168                             1  c283                             1 
    x457      c223                             1  c17                              1 
    x457      c23                              1  c116                             1 
    x457      c174                             1 
    x458      c295                             1  c154                             1 
    x458      c17                              1  c67                              1 
    x458      c125                             1  Obj                             68 
    x458      c202                             1  c46                              1 
    x458      c70                              1  c84                              1 
    x458      c77                              1  c223                             1 
    x458      c132                             1  c217                             1 
    x458      c50                              1  c63                              1 
    x458      c218                             1  c110                             1 
    x459      c93                              1  c161                             1 
    x459      c81                              1  c22                              1 
    x459      c192                             1  c158                             1 
    x459      Obj                              7  c26                              1 
    x459      c15                              1  c74                              1 
    x459      c42                              1  c28                              1 
    x459      c178                             1  c220                             1 
    x459      c269                             1  c60                              1 
    x459      c8                               1  c61                              1 
    x459      c181                             1 
    x460      c1                               1  c58                              1 
    x460      c180                             1  c76                              1 
    x460      c204                             1  c188                             1 
    x460      c9                               1  c223                             1 
    x460      c81                              1  c89                              1 
    x460      c41                              1  c197                             1 
    x460      c277                             1  c252                             1 
    x460      c280                             1  Obj                             29 
    x460      c205                             1  c33                              1 
    x460      c74                              1 
    x461      c264                             1  c209                             1 
    x461      c113                             1  c193                             1 
    x461      c107                             1  c192                             1 
    x461      Obj                             12  c145                             1 
    x461      c210                             1  c46                              1 
    x461      c62                              1  c202                             1 
    x461      c205                             1  c10                              1 
    x461      c134                             1  c297                             1 
    x461      c109                             1 
    x462      c34                              1  c176                             1 
    x462      c32                              1  c171                             1 
    x462      Obj                             76  c107                             1 
    x462      c276                             1  c278                             1 
    x462      c213                             1  c290                             1 
    x462      c103                             1  c113                             1 
    x462      c35                              1  c195                             1 
    x462      c254                             1  c270                             1 
    x462      c144                             1 
    x463      Obj                              1  c117                             1 
    x463      c12                              1  c276                             1 
    x463      c260                             1  c284                             1 
    x463      c268                             1  c235                             1 
    x463      c211                             1  c256                             1 
    x463      c149                             1 
    x464      c76                              1  c203                             1 
    x464      c97                              1  Obj                             91 
    x464      c217                             1  c24                              1 
    x464      c262                             1  c173                             1 
    x464      c145                             1  c104                             1 
    x465      c136                             1  c189                             1 
    x465      c192                             1  Obj                             55 
    x465      c6                               1  c131                             1 
    x465      c94                              1  c97                              1 
    x465      c172                             1  c229                             1 
    x465      c170                             1  c21                              1 
    x465      c176                             1  c171                             1 
    x465      c72                              1  c41                              1 
    x465      c157                             1  c275                             1 
    x465      c277                             1 
    x466      c172                             1  c135                             1 
    x466      c175                             1  c110                             1 
    x466      Obj                             57  c191                             1 
    x466      c297                             1  c134                             1 
    x466      c184                             1  c105                             1 
    x466      c151                             1  c295                             1 
    x466      c4                               1  c83                              1 
    x466      c263                             1  c147                             1 
    x466      c229                             1  c152                             1 
    x466      c251                             1 
    x467      c225                             1  c229                             1 
    x467      c109                             1  c254                             1 
    x467      c33                              1  c75                              1 
    x467      c118                             1  c151                             1 
    x467      c250                             1  Obj                             86 
    x467      c15                              1  c212                             1 
    x467      c161                             1  c182                             1 
    x467      c0                               1  c283                             1 
    x467      c25                              1  c194                             1 
    x468      Obj                             89  c265                             1 
    x468      c167                             1  c114                             1 
    x468      c146                             1  c241                             1 
    x468      c127                             1  c51                              1 
    x468      c248                             1  c35                              1 
    x468      c237                             1  c61                              1 
    x468      c190                             1  c100                             1 
    x468      c228                             1  c145                             1 
    x468      c133                             1 
    x469      c292                             1  c231                             1 
    x469      c238                             1  c279                             1 
    x469      Obj                             84  c161                             1 
    x469      c139                             1  c200                             1 
    x469      c29                              1  c209                             1 
    x469      c71                              1  c166                             1 
    x469      c79                              1  c290                             1 
    x470      c3                               1  c193                             1 
    x470      c191                             1  c283                             1 
    x470      c185                             1  c140                             1 
    x470      c286                             1  Obj                             94 
    x470      c109                             1  c274                             1 
    x470      c55                              1  c251                             1 
    x470      c46                              1  c82                              1 
    x470      c293                             1 
    x471      c107                             1  c87                              1 
    x471      c245                             1  c55                              1 
    x471      c123                             1  c133                             1 
    x471      c29                              1  c178                             1 
    x471      c77                              1  c191                             1 
    x471      c35                              1  c91                              1 
    x471      c146                             1  Obj                             71 
    x471      c268                             1  c199                             1 
    x471      c8                               1  c102                             1 
    x471      c249                             1  c195                             1 
    x472      c164                             1  c7                               1 
    x472      c235                             1  c232                             1 
    x472      c223                             1  c96                              1 
    x472      c266                             1  c155                             1 
    x472      c207                             1  c79                              1 
    x472      Obj                             71  c253                             1 
    x472      c5                               1  c189                             1 
    x472      c107                             1  c129                             1 
    x473      c13                              1  c31                              1 
    x473      c113                             1  c254                             1 
    x473      Obj                             69  c149                             1 
    x473      c124                             1  c106                             1 
    x473      c237                             1  c17                              1 
    x473      c99                              1  c166                             1 
    x473      c96                              1  c238                             1 
    x473      c182                             1  c232                             1 
    x473      c196                             1 
    x474      c275                             1  c299                             1 
    x474      c208                             1  c128                             1 
    x474      c266                             1  c239                             1 
    x474      c83                              1  Obj                             74 
    x474      c42                              1  c186                             1 
    x474      c81                              1  c107                             1 
    x474      c37                              1  c61                              1 
    x475      c13                              1  c266                             1 
    x475      c225                             1  c27                              1 
    x475      c194                             1  c49                              1 
    x475      c58                              1  c22                              1 
    x475      c122                             1  c118                             1 
    x475      Obj                             28 
    x476      c60                              1  c130                             1 
    x476      c90                              1  c46                              1 
    x476      c218                             1  Obj                             50 
    x476      c143                             1  c281                             1 
    x476      c252                             1  c52                              1 
    x476      c134                             1  c291                             1 
    x476      c51                              1  c89                              1 
    x476      c294                             1 
    x477      c168                             1  c95                              1 
    x477      c65                              1  c23                              1 
    x477      c81                              1  c71                              1 
    x477      c72                              1  c29                              1 
    x477      Obj                             85  c147                             1 
    x477      c16                              1 
    x478      c235                             1  Obj                             51 
    x478      c15                              1  c218                             1 
    x478      c58                              1  c229                             1 
    x478      c253                             1  c54                              1 
    x478      c274                             1  c238                             1 
    x478      c55                              1  c42                              1 
    x478      c7                               1  c245                             1 
    x478      c119                             1  c84                              1 
    x478      c94                              1  c268                             1 
    x478      c18                              1 
    x479      c28                              1  c278                             1 
    x479      c128                             1  c268                             1 
    x479      c258                             1  c254                             1 
    x479      c95                              1  c255                             1 
    x479      c159                             1  c47                              1 
    x479      c66                              1  c24                              1 
    x479      c40                              1  c291                             1 
    x479      c26                              1  c73                              1 
    x479      c176                             1  c44                              1 
    x479      Obj                             53  c14                              1 
    x479      c17                              1  c195                             1 
    x479      c292                             1 
    x480      c238                             1  c86                              1 
    x480      c218                             1  c203                             1 
    x480      c82                              1  Obj                              9 
    x480      c189                             1  c270                             1 
    x480      c254                             1  c263                             1 
    x480      c38                              1  c83                              1 
    x480      c51                              1  c279                             1 
    x480      c39                              1 
    x481      c291                             1  c162                             1 
    x481      c208                             1  c49                              1 
    x481      Obj                             48  c264                             1 
    x481      c65                              1  c70                              1 
    x481      c94                              1  c108                             1 
    x481      c197                             1 
    x482      c254                             1  c210                             1 
    x482      c37                              1  c250                             1 
    x482      c129                             1  Obj                             95 
    x482      c146                             1  c84                              1 
    x482      c24                              1  c134                             1 
    x482      c156                             1  c35                              1 
    x483      c222                             1  c130                             1 
    x483      c109                             1  c260                             1 
    x483      c3                               1  c77                              1 
    x483      c150                             1  c34                              1 
    x483      c57                              1  c67                              1 
    x483      c102                             1  c125                             1 
    x483      c218                             1  c70                              1 
    x483      Obj                             43  c151                             1 
    x483      c153                             1  c71                              1 
    x483      c266                             1 
    x484      c230                             1  c30                              1 
    x484      c123                             1  c12                              1 
    x484      c28                              1  c289                             1 
    x484      Obj                              4  c37                              1 
    x484      c249                             1  c188                             1 
    x484      c102                             1  c84                              1 
    x484      c241                             1  c202                             1 
    x484      c13                              1 
    x485      c174                             1  c122                             1 
    x485      c146                             1  c99                              1 
    x485      c103                             1  c165                             1 
    x485      c17                              1  c251                             1 
    x485      c73                              1  c84                              1 
    x485      c6                               1  c125                             1 
    x485      Obj                             93  c229                             1 
    x485      c133                             1 
    x486      Obj                             88  c201                             1 
    x486      c294                             1  c16                              1 
    x486      c270                             1  c118                             1 
    x486      c234                             1  c239                             1 
    x486      c284                             1  c190                             1 
    x486      c137                             1  c211                             1 
    x486      c114                             1  c43                              1 
    x486      c115                             1  c55                              1 
    x486      c159                             1  c236                             1 
    x486      c104                             1  c80                              1 
    x487      c279                             1  c165                             1 
    x487      c180                             1  c211                             1 
    x487      c83                              1  c16                              1 
    x487      c93                              1  c188                             1 
    x487      c261                             1  c100                             1 
    x487      c266                             1  c87                              1 
    x487      Obj                             47 
    x488      c130                             1  c269                             1 
    x488      Obj                             85  c147                             1 
    x488      c44                              1  c194                             1 
    x488      c98                              1  c110                             1 
    x488      c65                              1  c156                             1 
    x488      c254                             1  c243                             1 
    x488      c119                             1  c150                             1 
    x488      c272                             1 
    x489      c226                             1  c180                             1 
    x489      c12                              1  c9                               1 
    x489      c35                              1  c197                             1 
    x489      c123                             1  c271                             1 
    x489      c280                             1  c137                             1 
    x489      c30                              1  c147                             1 
    x489      c183                             1  c239                             1 
    x489      c100                             1  Obj                             76 
    x489      c155                             1  c173                             1 
    x490      c87                              1  c225                             1 
    x490      c63                              1  c160                             1 
    x490      c273                             1  c85                              1 
    x490      c42                              1  Obj                             50 
    x490      c187                             1  c242                             1 
    x490      c108                             1  c90                              1 
    x490      c12                              1 
    x491      c223                             1  c238                             1 
    x491      Obj                             86  c271                             1 
    x491      c51                              1  c226                             1 
    x491      c85                              1  c215                             1 
    x491      c287                             1  c139                             1 
    x491      c105                             1  c198                             1 
    x491      c264                             1  c128                             1 
    x491      c6                               1  c15                              1 
    x491      c12                              1  c156                             1 
    x491      c145                             1  c158                             1 
    x491      c3                               1  c31                              1 
    x491      c23                              1  c263                             1 
    x492      c293                             1  c90                              1 
    x492      c173                             1  c148                             1 
    x492      c30                              1  c190                             1 
    x492      c258                             1  c77                              1 
    x492      c260                             1  c279                             1 
    x492      c95                              1  c194                             1 
    x492      c183                             1  c144                             1 
    x492      c230                             1  c291                             1 
    x492      c261                             1  Obj                             60 
    x492      c157                             1  c168                             1 
    x492      c262                             1  c187                             1 
    x493      c298                             1  c28                              1 
    x493      c40                              1  c270                             1 
    x493      c59                              1  c15                              1 
    x493      c61                              1  c137                             1 
    x493      Obj                             14  c121                             1 
    x493      c217                             1  c71                              1 
    x493      c88                              1  c41                              1 
    x493      c227                             1  c82                              1 
    x493      c278                             1  c202                             1 
    x493      c12                              1  c8                               1 
    x493      c125                             1 
    x494      c279                             1  c133                             1 
    x494      c49                              1  c159                             1 
    x494      Obj                             61  c83                              1 
    x494      c248                             1  c277                             1 
    x494      c86                              1  c149                             1 
    x494      c110                             1  c237                             1 
    x494      c228                             1  c28                              1 
    x494      c182                             1 
    x495      c289                             1  c272                             1 
    x495      Obj                             72  c87                              1 
    x495      c198                             1  c217                             1 
    x495      c89                              1  c105                             1 
    x495      c125                             1  c61                              1 
    x495      c207                             1  c121                             1 
    x496      c91                              1  c26                              1 
    x496      c49                              1  c275                             1 
    x496      c79                              1  c163                             1 
    x496      c167                             1  c216                             1 
    x496      c170                             1  c67                              1 
    x496      c33                              1  c149                             1 
    x496      Obj                             39  c245                             1 
    x496      c166                             1  c198                             1 
    x496      c66                              1  c193                             1 
    x497      c50                              1  Obj                             39 
    x497      c287                             1  c179                             1 
    x497      c284                             1  c165                             1 
    x497      c87                              1  c231                             1 
    x497      c46                              1  c67                              1 
    x497      c54                              1  c158                             1 
    x497      c168                             1  c282                             1 
    x497      c18                              1  c197                             1 
    x497      c250                             1  c56                              1 
    x497      c74                              1  c275                             1 
    x498      Obj                             97  c74                              1 
    x498      c26                              1  c294                             1 
    x498      c25                              1  c136                             1 
    x498      c90                              1  c23                              1 
    x498      c80                              1  c188                             1 
    x498      c170                             1  c165                             1 
    x498      c246                             1  c45                              1 
    x498      c66                              1  c16                              1 
    x498      c128                             1  c32                              1 
    x498      c84                              1 
    x499      c176                             1  c233                             1 
    x499      c153                             1  c207                             1 
    x499      c89                              1  c214                             1 
    x499      c163                             1  c9                               1 
    x499      c76                              1  c188                             1 
    x499      c118                             1  c28                              1 
    x499      Obj                             40  c189                             1 
    INTEND    'MARKER'                            'INTEND'                           
RHS
    RHS       c0                               1  c1                               1 
    RHS       c2                               1  c3                               1 
    RHS       c4                               1  c5                               1 
    RHS       c6                               1  c7                               1 
    RHS       c8                               1  c9                               1 
    RHS       c10                              1  c11                              1 
    RHS       c12                              1  c13                              1 
    RHS       c14                              1  c15                              1 
    RHS       c16                              1  c17                              1 
    RHS       c18                              1  c19                              1 
    RHS       c20                              1  c21                              1 
    RHS       c22                              1  c23                              1 
    RHS       c24                              1  c25                              1 
    RHS       c26                              1  c27                              1 
    RHS       c28                              1  c29                              1 
    RHS       c30                              1  c31                              1 
    RHS       c32                              1  c33                              1 
    RHS       c34                              1  c35                              1 
    RHS       c36                              1  c37                              1 
    RHS       c38                              1  c39                              1 
    RHS       c40                              1  c41                              1 
    RHS       c42                              1  c43                              1 
    RHS       c44                              1  c45                              1 
    RHS       c46                              1  c47                              1 
    RHS       c48                              1  c49                              1 
    RHS       c50                              1  c51                              1 
    RHS       c52                              1  c53                              1 
    RHS       c54                              1  c55                              1 
    RHS       c56                              1  c57                              1 
    RHS       c58                              1  c59                              1 
    RHS       c60                              1  c61                              1 
    RHS       c62                              1  c63                              1 
    RHS       c64                              1  c65                              1 
    RHS       c66                              1  c67                              1 
    RHS       c68                              1  c69                              1 
    RHS       c70                              1  c71                              1 
    RHS       c72                              1  c73                              1 
    RHS       c74                              1  c75                              1 
    RHS       c76                              1  c77                              1 
    RHS       c78                              1  c79                              1 
    RHS       c80                              1  c81                              1 
    RHS       c82                              1  c83                              1 
    RHS       c84                              1  c85                              1 
    RHS       c86                              1  c87                              1 
    RHS       c88                              1  c89                              1 
    RHS       c90                              1  c91                              1 
    RHS       c92                              1  c93                              1 
    RHS       c94                              1  c95                              1 
    RHS       c96                              1  c97                              1 
    RHS       c98                              1  c99                              1 
    RHS       c100                             1  c101                             1 
    RHS       c102                             1  c103                             1 
    RHS       c104                             1  c105                             1 
    RHS       c106                             1  c107                             1 
    RHS       c108                             1  c109                             1 
    RHS       c110                             1  c111                             1 
    RHS       c112                             1  c113                             1 
    RHS       c114                             1  c115                             1 
    RHS       c116                             1  c117                             1 
    RHS       c118                             1  c119                             1 
    RHS       c120                             1  c121                             1 
    RHS       c122                             1  c123                             1 
    RHS       c124                             1  c125                             1 
    RHS       c126                             1  c127                             1 
    RHS       c128                             1  c129                             1 
    RHS       c130                             1  c131                             1 
    RHS       c132                             1  c133                             1 
    RHS       c134                             1  c135                             1 
    RHS       c136                             1  c137                             1 
    RHS       c138                             1  c139                             1 
    RHS       c140                             1  c141                             1 
    RHS       c142                             1  c143                             1 
    RHS       c144                             1  c145                             1 
    RHS       c146                             1  c147                             1 
    RHS       c148                             1  c149                             1 
    RHS       c150                             1  c151                             1 
    RHS       c152                             1  c153                             1 
    RHS       c154                             1  c155                             1 
    RHS       c156                             1  c157                             1 
    RHS       c158                             1  c159                             1 
    RHS       c160                             1  c161                             1 
    RHS       c162                             1  c163                             1 
    RHS       c164                             1  c165                             1 
    RHS       c166                             1  c167                             1 
    RHS       c168                             1  c169                             1 
    RHS       c170                             1  c171                             1 
    RHS       c172                             1  c173                             1 
    RHS       c174                             1  c175                             1 
    RHS       c176                             1  c177                             1 
    RHS       c178                             1  c179                             1 
    RHS       c180                             1  c181                             1 
    RHS       c182                             1  c183                             1 
    RHS       c184                             1  c185                             1 
    RHS       c186                             1  c187                             1 
    RHS       c188                             1  c189                             1 
    RHS       c190                             1  c191                             1 
    RHS       c192                             1  c193                             1 
    RHS       c194                             1  c195                             1 
    RHS       c196                             1  c197                             1 
    RHS       c198                             1  c199                             1 
    RHS       c200                             1  c201                             1 
    RHS       c202                             1  c203                             1 
    RHS       c204                             1  c205                             1 
    RHS       c206                             1  c207                             1 
    RHS       c208                             1  c209                             1 
    RHS       c210                             1  c211                             1 
    RHS       c212                             1  c213                             1 
    RHS       c214                             1  c215                             1 
    RHS       c216                             1  c217                             1 
    RHS       c218                             1  c219                             1 
    RHS       c220                             1  c221                             1 
    RHS       c222                             1  c223                             1 
    RHS       c224                             1  c225                             1 
    RHS       c226                             1  c227                             1 
    RHS       c228                             1  c229                             1 
    RHS       c230                             1  c231                             1 
    RHS       c232                             1  c233                             1 
    RHS       c234                             1  c235                             1 
    RHS       c236                             1  c237                             1 
    RHS       c238                             1  c239                             1 
    RHS       c240                             1  c241                             1 
    RHS       c242                             1  c243                             1 
    RHS       c244                             1  c245                             1 
    RHS       c246                             1  c247                             1 
    RHS       c248                             1  c249                             1 
    RHS       c250                             1  c251                             1 
    RHS       c252                             1  c253                             1 
    RHS       c254                             1  c255                             1 
    RHS       c256                             1  c257                             1 
    RHS       c258                             1  c259                             1 
    RHS       c260                             1  c261                             1 
    RHS       c262                             1  c263                             1 
    RHS       c264                             1  c265                             1 
    RHS       c266                             1  c267                             1 
    RHS       c268                             1  c269                             1 
    RHS       c270                             1  c271                             1 
    RHS       c272                             1  c273                             1 
    RHS       c274                             1  c275                             1 
    RHS       c276                             1  c277                             1 
    RHS       c278                             1  c279                             1 
    RHS       c280                             1  c281                             1 
    RHS       c282                             1  c283                             1 
    RHS       c284                             1  c285                             1 
    RHS       c286                             1  c287                             1 
    RHS       c288                             1  c289                             1 
    RHS       c290                             1  c291                             1 
    RHS       c292                             1  c293                             1 
    RHS       c294                             1  c295                             1 
    RHS       c296                             1  c297                             1 
    RHS       c298                             1  c299                             1 
BOUNDS
 BV Bound     x0                                 
 BV Bound     x1                                 
 BV Bound     x2                                 
 BV Bound     x3                                 
 BV Bound     x4                                 
 BV Bound     x5                                 
 BV Bound     x6                                 
 BV Bound     x7                                 
 BV Bound     x8                                 
 BV Bound     x9                                 
 BV Bound     x10                                
 BV Bound     x11                                
 BV Bound     x12                                
 BV Bound     x13                                
 BV Bound     x14                                
 BV Bound     x15                                
 BV Bound     x16                                
 BV Bound     x17                                
 BV Bound     x18                                
 BV Bound     x19                                
 BV Bound     x20                                
 BV Bound     x21                                
 BV Bound     x22                                
 BV Bound     x23                                
 BV Bound     x24                                
 BV Bound     x25                                
 BV Bound     x26                                
 BV Bound     x27                                
 BV Bound     x28                                
 BV Bound     x29                                
 BV Bound     x30                                
 BV Bound     x31                                
 BV Bound     x32                                
 BV Bound     x33                                
 BV Bound     x34                                
 BV Bound     x35                                
 BV Bound     x36                                
 BV Bound     x37                                
 BV Bound     x38                                
 BV Bound     x39                                
 BV Bound     x40                                
 BV Bound     x41                                
 BV Bound     x42                                
 BV Bound     x43                                
 BV Bound     x44                                
 BV Bound     x45                                
 BV Bound     x46                                
 BV Bound     x47                                
 BV Bound     x48                                
 BV Bound     x49                                
 BV Bound     x50                                
 BV Bound     x51                                
 BV Bound     x52                                
 BV Bound     x53                                
 BV Bound     x54                                
 BV Bound     x55                                
 BV Bound     x56                                
 BV Bound     x57                                
 BV Bound     x58                                
 BV Bound     x59                                
 BV Bound     x60                                
 BV Bound     x61                                
 BV Bound     x62                                
 BV Bound     x63                                
 BV Bound     x64                                
 BV Bound     x65                                
 BV Bound     x66                                
 BV Bound     x67                                
 BV Bound     x68                                
 BV Bound     x69                                
 BV Bound     x70                                
 BV Bound     x71                                
 BV Bound     x72                                
 BV Bound     x73                                
 BV Bound     x74                                
 BV Bound     x75                                
 BV Bound     x76                                
 BV Bound     x77                                
 BV Bound     x78                                
 BV Bound     x79                                
 BV Bound     x80                                
 BV Bound     x81                                
 BV Bound     x82                                
 BV Bound     x83                                
 BV Bound     x84                                
 BV Bound     x85                                
 BV Bound     x86                                
 BV Bound     x87                                
 BV Bound     x88                                
 BV Bound     x89                                
 BV Bound     x90                                
 BV Bound     x91                                
 BV Bound     x92                                
 BV Bound     x93                                
 BV Bound     x94                                
 BV Bound     x95                                
 BV Bound     x96                                
 BV Bound     x97                                
 BV Bound     x98                                
 BV Bound     x99                                
 BV Bound     x100                               
 BV Bound     x101                               
 BV Bound     x102                               
 BV Bound     x103                               
 BV Bound     x104                               
 BV Bound     x105                               
 BV Bound     x106                               
 BV Bound     x107                               
 BV Bound     x108                               
 BV Bound     x109                               
 BV Bound     x110                               
 BV Bound     x111                               
 BV Bound     x112                               
 BV Bound     x113                               
 BV Bound     x114                               
 BV Bound     x115                               
 BV Bound     x116                               
 BV Bound     x117                               
 BV Bound     x118                               
 BV Bound     x119                               
 BV Bound     x120                               
 BV Bound     x121                               
 BV Bound     x122                               
 BV Bound     x123                               
 BV Bound     x124                               
 BV Bound     x125                               
 BV Bound     x126                               
 BV Bound     x127                               
 BV Bound     x128                               
 BV Bound     x129                               
 BV Bound     x130                               
 BV Bound     x131                               
 BV Bound     x132                               
 BV Bound     x133                               
 BV Bound     x134                               
 BV Bound     x135                               
 BV Bound     x136                               
 BV Bound     x137                               
 BV Bound     x138                               
 BV Bound     x139                               
 BV Bound     x140                               
 BV Bound     x141                               
 BV Bound     x142                               
 BV Bound     x143                               
 BV Bound     x144                               
 BV Bound     x145                               
 BV Bound     x146                               
 BV Bound     x147                               
 BV Bound     x148                               
 BV Bound     x149                               
 BV Bound     x150                               
 BV Bound     x151                               
 BV Bound     x152                               
 BV Bound     x153                               
 BV Bound     x154                               
 BV Bound     x155                               
 BV Bound     x156                               
 BV Bound     x157                               
 BV Bound     x158                               
 BV Bound     x159                               
 BV Bound     x160                               
 BV Bound     x161                               
 BV Bound     x162                               
 BV Bound     x163                               
 BV Bound     x164                               
 BV Bound     x165                               
 BV Bound     x166                               
 BV Bound     x167                               
 BV Bound     x168                               
 BV Bound     x169                               
 BV Bound     x170                               
 BV Bound     x171                               
 BV Bound     x172                               
 BV Bound     x173                               
 BV Bound     x174                               
 BV Bound     x175                               
 BV Bound     x176                               
 BV Bound     x177                               
 BV Bound     x178                               
 BV Bound     x179                               
 BV Bound     x180                               
 BV Bound     x181                               
 BV Bound     x182                               
 BV Bound     x183                               
 BV Bound     x184                               
 BV Bound     x185                               
 BV Bound     x186                               
 BV Bound     x187                               
 BV Bound     x188                               
 BV Bound     x189                               
 BV Bound     x190                               
 BV Bound     x191                               
 BV Bound     x192                               
 BV Bound     x193                               
 BV Bound     x194                               
 BV Bound     x195                               
 BV Bound     x196                               
 BV Bound     x197                               
 BV Bound     x198                               
 BV Bound     x199                               
 BV Bound     x200                               
 BV Bound     x201                               
 BV Bound     x202                               
 BV Bound     x203                               
 BV Bound     x204                               
 BV Bound     x205                               
 BV Bound     x206                               
 BV Bound     x207                               
 BV Bound     x208                               
 BV Bound     x209                               
 BV Bound     x210                               
 BV Bound     x211                               
 BV Bound     x212                               
 BV Bound     x213                               
 BV Bound     x214                               
 BV Bound     x215                               
 BV Bound     x216                               
 BV Bound     x217                               
 BV Bound     x218                               
 BV Bound     x219                               
 BV Bound     x220                               
 BV Bound     x221                               
 BV Bound     x222                               
 BV Bound     x223                               
 BV Bound     x224                               
 BV Bound     x225                               
 BV Bound     x226                               
 BV Bound     x227                               
 BV Bound     x228                               
 BV Bound     x229                               
 BV Bound     x230                               
 BV Bound     x231                               
 BV Bound     x232                               
 BV Bound     x233                               
 BV Bound     x234                               
 BV Bound     x235                               
 BV Bound     x236                               
 BV Bound     x237                               
 BV Bound     x238                               
 BV Bound     x239                               
 BV Bound     x240                               
 BV Bound     x241                               
 BV Bound     x242                               
 BV Bound     x243                               
 BV Bound     x244                               
 BV Bound     x245                               
 BV Bound     x246                               
 BV Bound     x247                               
 BV Bound     x248                               
 BV Bound     x249                               
 BV Bound     x250                               
 BV Bound     x251                               
 BV Bound     x252                               
 BV Bound     x253                               
 BV Bound     x254                               
 BV Bound     x255                               
 BV Bound     x256                               
 BV Bound     x257                               
 BV Bound     x258                               
 BV Bound     x259                               
 BV Bound     x260                               
 BV Bound     x261                               
 BV Bound     x262                               
 BV Bound     x263                               
 BV Bound     x264                               
 BV Bound     x265                               
 BV Bound     x266                               
 BV Bound     x267                               
 BV Bound     x268                               
 BV Bound     x269                               
 BV Bound     x270                               
 BV Bound     x271                               
 BV Bound     x272                               
 BV Bound     x273                               
 BV Bound     x274                               
 BV Bound     x275                               
 BV Bound     x276                               
 BV Bound     x277                               
 BV Bound     x278                               
 BV Bound     x279                               
 BV Bound     x280                               
 BV Bound     x281                               
 BV Bound     x282                               
 BV Bound     x283                               
 BV Bound     x284                               
 BV Bound     x285                               
 BV Bound     x286                               
 BV Bound     x287                               
 BV Bound     x288                               
 BV Bound     x289                               
 BV Bound     x290                               
 BV Bound     x291                               
 BV Bound     x292                               
 BV Bound     x293                               
 BV Bound     x294                               
 BV Bound     x295                               
 BV Bound     x296                               
 BV Bound     x297                               
 BV Bound     x298                               
 BV Bound     x299                               
 BV Bound     x300                               
 BV Bound     x301                               
 BV Bound     x302                               
 BV Bound     x303                               
 BV Bound     x304                               
 BV Bound     x305                               
 BV Bound     x306                               
 BV Bound     x307                               
 BV Bound     x308                               
 BV Bound     x309                               
 BV Bound     x310                               
 BV Bound     x311                               
 BV Bound     x312                               
 BV Bound     x313                               
 BV Bound     x314                               
 BV Bound     x315                               
 BV Bound     x316                               
 BV Bound     x317                               
 BV Bound     x318                               
 BV Bound     x319                               
 BV Bound     x320                               
 BV Bound     x321                               
 BV Bound     x322                               
 BV Bound     x323                               
 BV Bound     x324                               
 BV Bound     x325                               
 BV Bound     x326                               
 BV Bound     x327                               
 BV Bound     x328                               
 BV Bound     x329                               
 BV Bound     x330                               
 BV Bound     x331                               
 BV Bound     x332                               
 BV Bound     x333                               
 BV Bound     x334                               
 BV Bound     x335                               
 BV Bound     x336                               
 BV Bound     x337                               
 BV Bound     x338                               
 BV Bound     x339                               
 BV Bound     x340                               
 BV Bound     x341                               
 BV Bound     x342                               
 BV Bound     x343                               
 BV Bound     x344                               
 BV Bound     x345                               
 BV Bound     x346                               
 BV Bound     x347                               
 BV Bound     x348                               
 BV Bound     x349                               
 BV Bound     x350                               
 BV Bound     x351                               
 BV Bound     x352                               
 BV Bound     x353                               
 BV Bound     x354                               
 BV Bound     x355                               
 BV Bound     x356                               
 BV Bound     x357                               
 BV Bound     x358                               
 BV Bound     x359                               
 BV Bound     x360                               
 BV Bound     x361                               
 BV Bound     x362                               
 BV Bound     x363                               
 BV Bound     x364                               
 BV Bound     x365                               
 BV Bound     x366                               
 BV Bound     x367                               
 BV Bound     x368                               
 BV Bound     x369                               
 BV Bound     x370                               
 BV Bound     x371                               
 BV Bound     x372                               
 BV Bound     x373                               
 BV Bound     x374                               
 BV Bound     x375                               
 BV Bound     x376                               
 BV Bound     x377                               
 BV Bound     x378                               
 BV Bound     x379                               
 BV Bound     x380                               
 BV Bound     x381                               
 BV Bound     x382                               
 BV Bound     x383                               
 BV Bound     x384                               
 BV Bound     x385                               
 BV Bound     x386                               
 BV Bound     x387                               
 BV Bound     x388                               
 BV Bound     x389                               
 BV Bound     x390                               
 BV Bound     x391                               
 BV Bound     x392                               
 BV Bound     x393                               
 BV Bound     x394                               
 BV Bound     x395                               
 BV Bound     x396                               
 BV Bound     x397                               
 BV Bound     x398                               
 BV Bound     x399                               
 BV Bound     x400                               
 BV Bound     x401                               
 BV Bound     x402                               
 BV Bound     x403                               
 BV Bound     x404                               
 BV Bound     x405                               
 BV Bound     x406                               
 BV Bound     x407                               
 BV Bound     x408                               
 BV Bound     x409                               
 BV Bound     x410                               
 BV Bound     x411                               
 BV Bound     x412                               
 BV Bound     x413                               
 BV Bound     x414                               
 BV Bound     x415                               
 BV Bound     x416                               
 BV Bound     x417                               
 BV Bound     x418                               
 BV Bound     x419                               
 BV Bound     x420                               
 BV Bound     x421                               
 BV Bound     x422                               
 BV Bound     x423                               
 BV Bound     x424                               
 BV Bound     x425                               
 BV Bound     x426                               
 BV Bound     x427                               
 BV Bound     x428                               
 BV Bound     x429                               
 BV Bound     x430                               
 BV Bound     x431                               
 BV Bound     x432                               
 BV Bound     x433                               
 BV Bound     x434                               
 BV Bound     x435                               
 BV Bound     x436                               
 BV Bound     x437                               
 BV Bound     x438                               
 BV Bound     x439                               
 BV Bound     x440                               
 BV Bound     x441                               
 BV Bound     x442                               
 BV Bound     x443                               
 BV Bound     x444                               
 BV Bound     x445                               
 BV Bound     x446                               
 BV Bound     x447                               
 BV Bound     x448                               
 BV Bound     x449                               
 BV Bound     x450                               
 BV Bound     x451                               
 BV Bound     x452                               
 BV Bound     x453                               
 BV Bound     x454                               
 BV Bound     x455                               
 BV Bound     x456                               
 BV Bound     x457                               
 BV Bound     x458                               
 BV Bound     x459                               
 BV Bound     x460                               
 BV Bound     x461                               
 BV Bound     x462                               
 BV Bound     x463                               
 BV Bound     x464                               
 BV Bound     x465                               
 BV Bound     x466                               
 BV Bound     x467                               
 BV Bound     x468                               
 BV Bound     x469                               
 BV Bound     x470                               
 BV Bound     x471                               
 BV Bound     x472                               
 BV Bound     x473                               
 BV Bound     x474                               
 BV Bound     x475                               
 BV Bound     x476                               
 BV Bound     x477                               
 BV Bound     x478                               
 BV Bound     x479                               
 BV Bound     x480                               
 BV Bound     x481                               
 BV Bound     x482                               
 BV Bound     x483                               
 BV Bound     x484                               
 BV Bound     x485                               
 BV Bound     x486                               
 BV Bound     x487                               
 BV Bound     x488                               
 BV Bound     x489                               
 BV Bound     x490                               
 BV Bound     x491                               
 BV Bound     x492                               
 BV Bound     x493                               
 BV Bound     x494                               
 BV Bound     x495                               
 BV Bound     x496                               
 BV Bound     x497                               
 BV Bound     x498                               
 BV Bound     x499                               
ENDATA